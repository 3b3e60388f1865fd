import type { MouseEvent, PointerEvent } from "react";

/** Press and hold shows the original (toggle mode); capture keeps the release on this element. */
export function holdHandlers(onHold: (showing: boolean) => void) {
  const release = () => onHold(false);
  return {
    onPointerDown: (event: PointerEvent) => {
      if (!event.isPrimary || event.button !== 0) return;
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
      onHold(true);
    },
    onPointerUp: release,
    onPointerCancel: release,
    // A long press on touch screens would open the context menu instead.
    onContextMenu: (event: MouseEvent) => event.preventDefault(),
  };
}
