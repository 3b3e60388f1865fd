import { useEffect, useRef } from "react";

/** Where one submit stands: open (a submit may go), held (one went), held and the parent has been busy since. */
const OPEN = 0;
const HELD = 1;
const HELD_BUSY = 2;

export interface SubmitLock {
  /** A submit went and nothing more may: false until the lock is let go. */
  held: () => boolean;
  /** Holds the lock for a submit; a returned promise lets it go when it settles (unless busy took over). */
  hold: (settled: unknown) => void;
  /** The user changed something: a new action may submit again (not while the parent is busy). */
  touch: () => void;
}

/**
 * One user action, one submit. A ref, not state: two clicks can arrive before React renders
 * what the first one changed. Let go when the parent has been busy and is no longer, when a
 * returned promise settles (unless busy took over), or when the user changes something.
 */
export function useSubmitLock(busy: boolean | undefined): SubmitLock {
  const lock = useRef(OPEN);
  useEffect(() => {
    if (busy) lock.current &&= HELD_BUSY;
    else if (lock.current === HELD_BUSY) lock.current = OPEN;
  }, [busy]);
  const release = () => {
    if (lock.current === HELD) lock.current = OPEN;
  };
  return {
    held: () => !!lock.current,
    hold: (settled) => {
      lock.current = HELD;
      if (typeof (settled as PromiseLike<unknown> | undefined)?.then === "function")
        (settled as PromiseLike<unknown>).then(release, release);
    },
    touch: () => void (busy || (lock.current = OPEN)),
  };
}
