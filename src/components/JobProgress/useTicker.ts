import { useEffect, useState } from "react";

export interface Ticks {
  /** The time of the last tick. */
  now?: number;
  /** The time of the first tick, for counting from when a job was first seen. */
  first?: number;
}

/**
 * The time, refreshed every `periodMs` while `periodMs` is a number and frozen at its last value
 * when it is `null`. Undefined until the first tick: nothing reads the clock during render, so
 * server and client render the same.
 */
export function useTicker(periodMs: number | null): Ticks {
  const [ticks, setTicks] = useState<Ticks>({});
  useEffect(() => {
    if (periodMs === null) return;
    const tick = () => setTicks(({ first }) => ({ first: first ?? Date.now(), now: Date.now() }));
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, periodMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [periodMs]);
  return ticks;
}
