import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

const field =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-slate-900 aria-invalid:border-red-700 disabled:opacity-50";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(field, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(field, "min-h-20", className)} {...props} />;
}

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cn("text-sm font-medium text-slate-900", className)} {...props} />;
}

/** A field's hint or message, in a contrast that passes WCAG AA on white. */
export function FieldText({ className, error, ...props }: ComponentProps<"p"> & { error?: boolean }) {
  return <p className={cn("text-sm", error ? "text-red-800" : "text-slate-600", className)} {...props} />;
}
