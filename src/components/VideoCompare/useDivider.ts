import { useRef, type KeyboardEvent, type PointerEvent, type RefObject } from "react";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import type { VideoCompareLabels } from "./labels";

/** The custom property on the root that places the divider and clips the original. */
export const POSITION_PROPERTY = "--kling-compare-position";

interface Gesture {
  id: number;
  x: number;
  y: number;
  rect: DOMRect;
  dragging: boolean;
}

interface DividerOptions {
  rootRef: RefObject<HTMLDivElement | null>;
  dividerRef: RefObject<HTMLDivElement | null>;
  /** Controlled position, if any; else the divider keeps its own. */
  position: number | undefined;
  initial: number;
  vertical: boolean;
  labels: VideoCompareLabels;
  onPositionChange: ((position: number) => void) | undefined;
}

const KEY_STEPS: Partial<Record<string, number>> = {
  ArrowLeft: -1,
  ArrowDown: -1,
  ArrowRight: 1,
  ArrowUp: 1,
  PageDown: -10,
  PageUp: 10,
  Home: -100,
  End: 100,
};
/** Movement (px) before a touch gesture is judged to be a drag or a scroll. */
const SLOP = 4;

/**
 * The divider lives outside React state: a drag writes the custom property and the slider's
 * ARIA values straight to the DOM, so moving it renders nothing. `onPositionChange` fires once
 * per finished gesture: on pointer release, and on every key press.
 */
export function useDivider({ rootRef, dividerRef, position, initial, vertical, labels, onPositionChange }: DividerOptions) {
  const current = useRef(position ?? initial);
  const gesture = useRef<Gesture | null>(null);
  const latest = useRef({ labels, onPositionChange });
  const appliedProp = useRef(position);

  const place = (value: number) => {
    current.current = Math.min(100, Math.max(0, value));
    const shown = Math.round(current.current);
    rootRef.current?.style.setProperty(POSITION_PROPERTY, `${current.current}%`);
    dividerRef.current?.setAttribute("aria-valuenow", String(shown));
    dividerRef.current?.setAttribute("aria-valuetext", latest.current.labels.position(shown, latest.current.labels));
  };
  const commit = () => latest.current.onPositionChange?.(current.current);

  // After every render: React rendered the first position; the DOM must show the current one.
  // A controlled position wins only when the prop changes, so a render mid-drag does not snap back.
  useIsomorphicLayoutEffect(() => {
    latest.current = { labels, onPositionChange };
    if (position !== undefined && position !== appliedProp.current) current.current = position;
    appliedProp.current = position;
    place(current.current);
  });

  const follow = (event: PointerEvent, active: Gesture) => {
    const { rect } = active;
    place(vertical ? ((event.clientY - rect.top) / rect.height) * 100 : ((event.clientX - rect.left) / rect.width) * 100);
  };
  const start = (event: PointerEvent, active: Gesture) => {
    active.dragging = true;
    // Capture keeps the drag on this divider when the pointer leaves it (and only on this one).
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    follow(event, active);
  };

  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    const target = event.target as Element;
    // Native controls placed in the stage keep their clicks; only the primary pointer drags.
    if (!event.isPrimary || event.button !== 0 || target.closest("a,button,input,select,textarea,[data-kling-no-drag]")) return;
    const active = { id: event.pointerId, x: event.clientX, y: event.clientY, rect: event.currentTarget.getBoundingClientRect(), dragging: false };
    gesture.current = active;
    // A mouse means drag; a finger may mean scroll, so it waits for its first move.
    if (event.pointerType === "mouse" || dividerRef.current?.contains(target)) start(event, active);
  };
  const onPointerMove = (event: PointerEvent) => {
    const active = gesture.current;
    if (!active || active.id !== event.pointerId) return;
    if (!active.dragging) {
      const dx = Math.abs(event.clientX - active.x);
      const dy = Math.abs(event.clientY - active.y);
      if (Math.max(dx, dy) < SLOP) return;
      // The axis of the first move decides: across the divider drags, along it scrolls.
      if (vertical ? dy > dx : dx > dy) start(event, active);
      else gesture.current = null;
      return;
    }
    follow(event, active);
  };
  const onPointerEnd = (event: PointerEvent) => {
    const active = gesture.current;
    if (!active || active.id !== event.pointerId) return;
    gesture.current = null;
    if (active.dragging) commit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const { key } = event;
    const step = KEY_STEPS[key];
    if (step === undefined) return;
    event.preventDefault();
    // A horizontal divider moves down with ArrowDown, where the eye expects it.
    place(current.current + (vertical && (key === "ArrowUp" || key === "ArrowDown") ? -step : step));
    commit();
  };

  return { pointer: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd }, onKeyDown };
}
