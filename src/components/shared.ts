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

type AnyProps = Record<string, unknown>;
type Ref<T> = ((element: T | null) => void) | { current: T | null } | null | undefined;

// One merged ref per (ours, theirs) pair: a new function on every render would make React
// detach and attach the element again each time.
const mergedRefs = /* @__PURE__ */ new WeakMap<object, { theirs: unknown; merged: (element: unknown) => void }>();

function mergeRef<T>(ours: (element: T | null) => void, theirs: Ref<T>): (element: T | null) => void {
  if (!theirs) return ours;
  const known = mergedRefs.get(ours);
  if (known?.theirs === theirs) return known.merged;
  const merged = (element: T | null) => {
    ours(element);
    if (typeof theirs === "function") theirs(element);
    else theirs.current = element;
  };
  mergedRefs.set(ours, { theirs, merged: merged as (element: unknown) => void });
  return merged;
}

/**
 * A prop getter's result: the library's props, then the app's on top. The app's event
 * handlers run first, and the library's only if they did not `preventDefault()` (as in Radix);
 * refs are both set, styles merged, class names joined.
 */
export function mergeProps<T extends object>(ours: T, theirs: object = {}): T {
  const merged: AnyProps = { ...(ours as AnyProps) };
  const own = ours as AnyProps;
  for (const [key, value] of Object.entries(theirs as AnyProps)) {
    const mine = own[key];
    // An app prop left undefined (a part passing its optional props on) keeps the library's.
    if (value === undefined) continue;
    merged[key] = value;
    if (typeof mine === "function" && typeof value === "function" && /^on[A-Z]/.test(key)) {
      merged[key] = (event: { defaultPrevented?: boolean }) => {
        (value as (event: unknown) => void)(event);
        if (!event?.defaultPrevented) (mine as (event: unknown) => void)(event);
      };
    } else if (key === "ref" && typeof mine === "function")
      merged.ref = mergeRef(mine as (element: unknown) => void, value as Ref<unknown>);
    else if (key === "style" && mine) merged.style = { ...(mine as object), ...(value as object) };
    else if (key === "className" && mine) merged.className = cx(mine as string, value as string);
  }
  return merged as T;
}
