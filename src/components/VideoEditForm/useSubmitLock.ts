import { useEffect, useRef } from "react";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/**
 * Keeps one user action to one submit. Held from an accepted submit until the parent has been
 * `busy` and is no longer, the returned promise settles, or the user changes something. A ref,
 * not state: two clicks can arrive before React renders what the first one changed.
 */
export function useSubmitLock(busy: boolean) {
  const lock = useRef({ locked: false, sawBusy: false });
  useEffect(() => {
    if (busy) lock.current.sawBusy = true;
    else if (lock.current.sawBusy) lock.current = { locked: false, sawBusy: false };
  }, [busy]);

  return {
    isLocked: () => lock.current.locked,
    /** Takes the lock, runs `submit`, and lets go when its promise settles (unless busy took over). */
    run(submit: () => unknown) {
      lock.current = { locked: true, sawBusy: false };
      const pending = submit();
      if (isThenable(pending)) {
        const release = () => {
          if (!lock.current.sawBusy) lock.current.locked = false;
        };
        pending.then(release, release);
      }
    },
    /** The user changed something: what they submit next is a new action. */
    release() {
      if (!busy) lock.current.locked = false;
    },
  };
}
