import { useEffect, useRef } from "react";

/**
 * Where one submit stands: `open` (a submit may go), `held` (one went; nothing more until it is
 * let go), `held-busy` (held, and the parent has been busy since: let go when it no longer is).
 */
export type SubmitLockState = "open" | "held" | "held-busy";

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
  const lock = useRef<SubmitLockState>("open");
  useEffect(() => {
    if (busy) {
      if (lock.current === "held") lock.current = "held-busy";
    } else if (lock.current === "held-busy") lock.current = "open";
  }, [busy]);
  return {
    held: () => lock.current !== "open",
    hold: (settled) => {
      lock.current = "held";
      const release = () => {
        if (lock.current === "held") lock.current = "open";
      };
      if (typeof (settled as PromiseLike<unknown> | undefined)?.then === "function") (settled as PromiseLike<unknown>).then(release, release);
    },
    touch: () => {
      if (!busy) lock.current = "open";
    },
  };
}
