import { useState, type KeyboardEvent, type PointerEvent } from "react";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import { mergeProps } from "../shared";
import { capture, primary } from "./useCompareDivider";
import type { VideoCompareButtonProps } from "./types";

/** The elements that show the hold: the root (`data-showing`) and the hold button (`aria-pressed`). */
function createHold() {
  const elements: { root?: HTMLElement | null; button?: HTMLElement | null } = {};
  let disabled = false;
  const setHolding = (showing: boolean) => {
    elements.root?.toggleAttribute("data-showing", showing);
    elements.button?.setAttribute("aria-pressed", `${showing}`);
  };
  const release = () => setHolding(false);
  return {
    configure: (next: boolean) => void (disabled = next),
    setHolding,
    release,
    refs: {
      root: (element: HTMLElement | null) => void (elements.root = element),
      button: (element: HTMLElement | null) => void (elements.button = element),
    },
    // Press and hold shows the original (toggle mode), on the stage and on the hold button.
    pointer: {
      onPointerDown: (event: PointerEvent) => {
        if (!disabled && primary(event)) {
          capture(event);
          setHolding(true);
        }
      },
      onPointerUp: release,
      onPointerCancel: release,
      // A long press on touch screens would open the context menu instead.
      onContextMenu: (event: { preventDefault(): void }) => event.preventDefault(),
    },
    onKey: (event: KeyboardEvent) => {
      if ((event.key === " " || event.key === "Enter") && !event.repeat && !disabled) {
        event.preventDefault();
        setHolding(event.type === "keydown");
      }
    },
  };
}

/** The toggle mode's press and hold: written to the DOM, so holding renders nothing. */
export function useCompareHold({ disabled = false }: { disabled?: boolean }) {
  const [hold] = useState(createHold);
  useIsomorphicLayoutEffect(() => hold.configure(disabled));
  return {
    setHolding: hold.setHolding,
    rootRef: hold.refs.root,
    stagePointer: hold.pointer,
    getHoldProps: (props?: VideoCompareButtonProps) =>
      mergeProps(
        {
          ref: hold.refs.button,
          type: "button",
          "aria-pressed": false,
          disabled: disabled || undefined,
          onKeyDown: hold.onKey,
          onKeyUp: hold.onKey,
          onBlur: hold.release,
          ...hold.pointer,
        } as VideoCompareButtonProps,
        props,
      ),
  };
}
