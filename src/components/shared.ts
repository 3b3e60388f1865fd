import { useCallback, useRef, useState } from "react";
import { useIsomorphicLayoutEffect } from "../hooks/isomorphic";

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(" ");
}

/**
 * Controlled when `value` is given, uncontrolled (from `defaultValue`) otherwise: the pattern
 * of Radix and React Aria. `onChange` fires in both modes.
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T,
  onChange?: (next: T) => void,
): [T, (next: T | ((previous: T) => T)) => void] {
  const [own, setOwn] = useState(defaultValue);
  const controlled = value !== undefined;
  const current = controlled ? value : own;
  // The latest value, also for updates from async callbacks made by an earlier render.
  const latest = useRef(current);
  useIsomorphicLayoutEffect(() => {
    latest.current = current;
  });
  const set = useCallback(
    (next: T | ((previous: T) => T)) => {
      const previous = latest.current;
      const resolved = typeof next === "function" ? (next as (previous: T) => T)(previous) : next;
      latest.current = resolved;
      if (!controlled) setOwn(resolved);
      if (!Object.is(resolved, previous)) onChange?.(resolved);
    },
    [controlled, onChange],
  );
  return [current, set];
}

/** Merges the library's default labels with the app's replacements. */
export function useLabels<L extends object>(defaults: L, overrides?: Partial<L>): L {
  return overrides ? { ...defaults, ...overrides } : defaults;
}

/** m:ss; an unknown time (NaN, Infinity) reads 0:00. */
export function clock(seconds: number): string {
  const whole = isFinite(seconds) ? Math.floor(seconds) : 0;
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
