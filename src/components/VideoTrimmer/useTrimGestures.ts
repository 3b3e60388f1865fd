import { useState, type KeyboardEvent, type PointerEvent } from "react";
import {
  allowed,
  keyTarget,
  moveRange,
  valueOf,
  type ClipTrimBounds,
  type ClipTrimPart,
  type ClipTrimRange,
} from "./range";
import type { TrimPreview } from "./useTrimPreview";

/** The attribute that names a trimmer's part (`start`, `end`, `window`) on its element. */
export const PART_ATTRIBUTE = "data-part";

/** A pointer gesture: which part, where it went down, the window then, and the track's box. */
interface Drag {
  id: number;
  part: ClipTrimPart;
  x: number;
  from: ClipTrimRange;
  rect: DOMRect;
  resume: boolean;
}

export interface TrimGestureOptions {
  bounds?: ClipTrimBounds;
  range: ClipTrimRange;
  disabled?: boolean;
  step: number;
  largeStep: number;
  /** Applies a move (every pointer move, each key). */
  change: (next: ClipTrimRange, part: ClipTrimPart) => void;
  /** Reports the end of a gesture. */
  commit: (next: ClipTrimRange) => void;
  /** The window as last rendered: a drag's release commits it. */
  latestRange: () => ClipTrimRange;
  preview: Pick<TrimPreview, "hold" | "release">;
}

/**
 * The trimmer's pointer and keyboard handling: keys on each slider, and a drag on the track
 * that moves the part it started on (or, beside the window, the nearer edge, jumped there).
 */
export function useTrimGestures(options: TrimGestureOptions) {
  const { bounds, range, disabled, step, largeStep, change, commit, preview } = options;
  const [drag, setDrag] = useState<Drag>();

  const move = (part: ClipTrimPart, to: number) => bounds && moveRange(part, to, range, bounds);
  const onKeyDown = (part: ClipTrimPart) => (event: KeyboardEvent) => {
    if (!bounds || disabled) return;
    const to = keyTarget(event.key, valueOf(part, range), allowed(part, range, bounds), step, largeStep);
    if (to === undefined) return;
    event.preventDefault();
    const next = move(part, to)!;
    change(next, part);
    commit(next);
  };

  const secondsPer = (rect: DOMRect) => (bounds ? bounds.duration / (rect.width || 1) : 0);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!bounds || disabled || !event.isPrimary || event.button) return;
    const target = event.target as Element;
    const rect = event.currentTarget.getBoundingClientRect();
    let part = target.closest(`[${PART_ATTRIBUTE}]`)?.getAttribute(PART_ATTRIBUTE) as ClipTrimPart | null;
    let from = range;
    if (part !== "start" && part !== "end" && part !== "window") {
      // On the strip beside the window: the nearer edge jumps there, and the drag goes on with it.
      const at = (event.clientX - rect.left) * secondsPer(rect);
      part = Math.abs(at - range.start) <= Math.abs(at - range.end) ? "start" : "end";
      from = move(part, at)!;
      change(from, part);
    }
    // No text selection, and no focus moved by the mouse events that would follow.
    event.preventDefault();
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    // The part takes the focus, so the keys go on where the pointer left off.
    event.currentTarget.querySelector<HTMLElement>(`[${PART_ATTRIBUTE}="${part}"]`)?.focus({ preventScroll: true });
    setDrag({ id: event.pointerId, part, x: event.clientX, from, rect, resume: preview.hold() });
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!drag || drag.id !== event.pointerId || !bounds) return;
    const delta = (event.clientX - drag.x) * secondsPer(drag.rect);
    change(moveRange(drag.part, valueOf(drag.part, drag.from) + delta, drag.from, bounds), drag.part);
  };
  const endDrag = (event: PointerEvent) => {
    if (!drag || drag.id !== event.pointerId) return;
    setDrag(undefined);
    commit(options.latestRange());
    preview.release(drag.resume);
  };

  return {
    /** What a pointer drags now. */
    dragging: drag?.part,
    onKeyDown,
    trackHandlers: { onPointerDown, onPointerMove, onPointerUp: endDrag, onPointerCancel: endDrag },
  };
}
