import { useState, type CSSProperties, type KeyboardEvent, type PointerEvent } from "react";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import { mergeProps } from "../shared";
import type { VideoCompareLabels } from "./labels";
import type {
  UseVideoCompareOptions,
  VideoCompareDirection,
  VideoCompareElementProps,
  VideoCompareOrientation,
} from "./types";

/** The custom property on the root that places the divider and clips the original. */
export const COMPARE_POSITION_PROPERTY = "--kling-compare-position";
/** Default rounding of positions (percent). */
export const COMPARE_POSITION_STEP = 0.1;
/** Divider steps (percent) per key, before mirroring. */
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
/** Native controls an app places in the stage keep their clicks. */
const NO_DRAG = "a,button,input,select,textarea,[data-kling-no-drag]";

/** @internal */
export const primary = (event: PointerEvent) => event.isPrimary && !event.button;
// Capture keeps a drag or a hold on the element that started it when the pointer leaves it.
/** @internal */
export const capture = (event: PointerEvent) => (event.currentTarget as Element).setPointerCapture(event.pointerId);

/** Clamps to 0–100 and rounds to `step`, without float tails (72.1, never 72.10000000000001). */
export function roundPosition(value: number, step = COMPARE_POSITION_STEP): number {
  const decimals = (String(step).split(".")[1] ?? "").length;
  return +(Math.round(Math.min(100, Math.max(0, value)) / step) * step).toFixed(decimals);
}

export interface UseCompareDividerOptions extends Pick<
  UseVideoCompareOptions,
  "position" | "defaultPosition" | "onPositionChange" | "onPositionCommit" | "step" | "disabled" | "externalSlider"
> {
  orientation: VideoCompareOrientation;
  dir: VideoCompareDirection;
  labels: VideoCompareLabels;
  /** The divider shows and drags (slider mode). */
  active: boolean;
}

/** A pointer on the stage: where it went down, and whether it drags (else it is still undecided). */
interface Gesture {
  id: number;
  x: number;
  y: number;
  rect: DOMRect;
  dragging?: boolean;
}

type Slot = "root" | "divider" | "value";

/** The divider's position and the elements it is written to: moving it renders nothing. */
function createDivider(initial: number, first: UseCompareDividerOptions) {
  let at = initial;
  let options = first;
  let drag: Gesture | null = null;
  const elements: Partial<Record<Slot, HTMLElement | null>> = {};
  const shown = () => Math.round(at);
  const write = () => {
    elements.root?.style.setProperty(COMPARE_POSITION_PROPERTY, `${at}%`);
    for (const element of [elements.divider, elements.value]) {
      element?.setAttribute("aria-valuenow", `${shown()}`);
      element?.setAttribute("aria-valuetext", options.labels.position(shown(), options.labels));
    }
  };
  const place = (value: number, report?: boolean) => {
    at = roundPosition(value, options.step);
    write();
    if (report) options.onPositionChange?.(at);
  };
  const commit = () => options.onPositionCommit?.(at);
  const vertical = () => options.orientation === "vertical";
  const follow = (event: PointerEvent, { rect }: Gesture) => {
    const share = vertical()
      ? (event.clientY - rect.top) / rect.height
      : (options.dir === "rtl" ? rect.right - event.clientX : event.clientX - rect.left) / rect.width;
    place(share * 100, true);
  };
  const startDrag = (event: PointerEvent, gesture: Gesture) => {
    gesture.dragging = true;
    capture(event);
    follow(event, gesture);
  };
  const endDrag = (event: PointerEvent) => {
    const gesture = drag;
    if (gesture?.id !== event.pointerId) return;
    drag = null;
    if (gesture.dragging) commit();
  };
  const ref = (slot: Slot) => (element: HTMLElement | null) => void (elements[slot] = element);
  return {
    configure: (next: UseCompareDividerOptions) => void (options = next),
    position: () => at,
    shown,
    place,
    commit,
    refs: { root: ref("root"), divider: ref("divider"), value: ref("value") },
    stage: {
      onPointerDown: (event: PointerEvent<HTMLElement>) => {
        const target = event.target as Element;
        // Only the primary pointer drags, and not from native controls in the stage.
        if (options.disabled || !primary(event) || target.closest(NO_DRAG)) return;
        const gesture = (drag = {
          id: event.pointerId,
          x: event.clientX,
          y: event.clientY,
          rect: event.currentTarget.getBoundingClientRect(),
        });
        // A mouse means drag; a finger may mean scroll, so it waits for its first move.
        if (event.pointerType === "mouse" || elements.divider?.contains(target)) startDrag(event, gesture);
      },
      onPointerMove: (event: PointerEvent) => {
        const gesture = drag;
        if (gesture?.id !== event.pointerId) return;
        if (gesture.dragging) return follow(event, gesture);
        const dx = Math.abs(event.clientX - gesture.x);
        const dy = Math.abs(event.clientY - gesture.y);
        if (Math.max(dx, dy) < SLOP) return;
        // The axis of the first move decides: across the divider drags, along it scrolls.
        if (vertical() ? dy > dx : dx > dy) startDrag(event, gesture);
        else drag = null;
      },
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
    },
    onKeyDown: (event: KeyboardEvent) => {
      const { key } = event;
      const step = KEY_STEPS[key];
      if (!step || options.disabled) return;
      event.preventDefault();
      // A horizontal divider moves down with ArrowDown, where the eye expects it; in rtl the
      // original is on the right, so ArrowRight shows less of it.
      const mirrored = vertical() ? /^Arrow[UD]/.test(key) : options.dir === "rtl" && /^Arrow[LR]/.test(key);
      // A step coarser than a key's moves by the step, so the key is never stuck by the rounding.
      const size = Math.sign(step) * Math.max(Math.abs(step), options.step ?? 0);
      place(at + (mirrored ? -size : size), true);
      commit();
    },
  };
}

/**
 * The divider part: its position (written to the DOM, never rendered), dragging on the stage
 * (pointer and touch, mirrored in rtl), the keyboard, and the props of the divider and of any
 * slider of the app's own that drives it.
 */
export function useCompareDivider(options: UseCompareDividerOptions) {
  const { position, orientation, labels, disabled, externalSlider } = options;
  const [divider] = useState(() =>
    createDivider(roundPosition(position ?? options.defaultPosition ?? 50, options.step), options),
  );
  useIsomorphicLayoutEffect(() => divider.configure(options));
  // A controlled position wins only when the prop changes, so a render mid-drag does not snap back.
  useIsomorphicLayoutEffect(() => {
    if (position !== undefined) divider.place(position);
  }, [position]);

  const shown = divider.shown();
  const value = {
    "aria-label": labels.divider,
    "aria-orientation": orientation,
    "aria-valuemin": 0,
    "aria-valuemax": 100,
    "aria-valuenow": shown,
    "aria-valuetext": labels.position(shown, labels),
    "aria-disabled": disabled || undefined,
  };
  return {
    getPosition: divider.position,
    setPosition: (next: number) => {
      divider.place(next, true);
      divider.commit();
    },
    rootRef: divider.refs.root,
    rootStyle: { [COMPARE_POSITION_PROPERTY]: `${divider.position()}%` } as CSSProperties,
    stagePointer: divider.stage,
    getDividerProps: (props?: VideoCompareElementProps<HTMLDivElement>) =>
      mergeProps(
        {
          ref: divider.refs.divider,
          hidden: !options.active,
          "data-orientation": orientation,
          "data-disabled": disabled ? "" : undefined,
          // With a slider of the app's own, this is only the line drawn over the videos.
          ...(externalSlider
            ? { "aria-hidden": true }
            : { ...value, role: "slider", tabIndex: disabled ? undefined : 0, onKeyDown: divider.onKeyDown }),
        } as Record<string, unknown> as VideoCompareElementProps<HTMLDivElement>,
        props,
      ),
    getDividerValueProps: <E extends HTMLElement = HTMLElement>(props?: VideoCompareElementProps<E>) =>
      mergeProps({ ref: divider.refs.value, ...value } as VideoCompareElementProps<E>, props),
  };
}
