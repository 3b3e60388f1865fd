import * as SliderPrimitive from "@radix-ui/react-slider";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** One thumb; `thumbProps` reach it (the thumb is the element with role="slider"). */
export function Slider({
  className,
  thumbProps,
  ...props
}: ComponentProps<typeof SliderPrimitive.Root> & { thumbProps?: ComponentProps<typeof SliderPrimitive.Thumb> }) {
  return (
    <SliderPrimitive.Root
      className={cn("relative flex h-5 w-full touch-none items-center select-none", className)}
      {...props}
    >
      <SliderPrimitive.Track className="relative h-1.5 grow overflow-hidden rounded-full bg-slate-200">
        <SliderPrimitive.Range className="absolute h-full bg-slate-900" />
      </SliderPrimitive.Track>
      <SliderPrimitive.Thumb
        {...thumbProps}
        className={cn(
          "block size-4 rounded-full border border-slate-900 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900",
          thumbProps?.className,
        )}
      />
    </SliderPrimitive.Root>
  );
}
