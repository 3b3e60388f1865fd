import {
  Children,
  cloneElement,
  forwardRef,
  isValidElement,
  useCallback,
  version,
  type HTMLAttributes,
  type ReactElement,
  type ReactNode,
  type Ref,
} from "react";
import { mergeProps } from "./shared";

export interface SlotProps extends HTMLAttributes<HTMLElement> {
  /** Exactly one element: it is rendered in the slot's place, with the slot's props merged in. */
  children?: ReactNode;
}

type AnyRef<T> = Ref<T> | undefined;

/** Sets each ref to the element (function refs are called, object refs assigned). */
function setRefs<T>(element: T | null, refs: ReadonlyArray<AnyRef<T>>) {
  for (const ref of refs) {
    if (typeof ref === "function") ref(element);
    else if (ref) ref.current = element;
  }
}

/** One ref that sets both; stable while they are (a new function would re-attach the element). */
export function useComposedRefs<T>(first: AnyRef<T>, second: AnyRef<T>): (element: T | null) => void {
  return useCallback((element: T | null) => setRefs(element, [first, second]), [first, second]);
}

// React 19 passes `ref` as a prop; React 18 keeps it on the element (and 19 warns when it is
// read there). Worked out on use, so that a bundle without asChild parts keeps none of it.
const refOf = (element: ReactElement): AnyRef<unknown> =>
  Number(version.split(".")[0]) >= 19
    ? (element.props as { ref?: Ref<unknown> }).ref
    : (element as unknown as { ref?: Ref<unknown> }).ref;

/**
 * Renders its one child element instead of an element of its own, with the slot's props merged
 * into the child's: what `asChild` does on a part (as in Radix). The child's props win; event
 * handlers run the child's first and the slot's unless the child called `preventDefault()`;
 * class names are joined, styles merged, and both refs are set.
 */
export const Slot = /* @__PURE__ */ forwardRef<HTMLElement, SlotProps>(function Slot(
  { children, ...props },
  forwarded,
) {
  const child = Children.only(children);
  const childRef = isValidElement(child) ? refOf(child) : undefined;
  const ref = useComposedRefs<unknown>(forwarded, childRef);
  if (!isValidElement(child)) throw new Error("react-kling-edit: asChild needs exactly one element as its child.");
  const { ref: _childRef, ...childProps } = child.props as Record<string, unknown>;
  // A prop the slot leaves undefined is not passed: it would override what the child sets itself.
  const defined = Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
  return cloneElement(child, { ...mergeProps(defined, childProps), ref } as Record<string, unknown>);
});
