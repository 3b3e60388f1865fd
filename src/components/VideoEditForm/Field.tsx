import type { ReactNode } from "react";
import type { EditField } from "../../core/types";
import { cx } from "../shared";
import type { UseVideoEditFormResult as Form } from "./types";

/** One field: its label (a legend for a group), the control, and its validation message. */
export function Field({
  form,
  name,
  label,
  group,
  children,
}: {
  form: Form;
  name: EditField;
  label: ReactNode;
  group?: string;
  children: ReactNode;
}) {
  const message = form.messageOf(name);
  const Box = group ? "fieldset" : "div";
  return (
    <Box
      className={cx("kling-form__field", group)}
      data-invalid={message ? true : undefined}
      aria-describedby={group && message ? form.ids.message(name) : undefined}
    >
      {group ? (
        <legend className="kling-form__label">{label}</legend>
      ) : (
        label && (
          <label className="kling-form__label" {...form.getLabelProps(name)}>
            {label}
          </label>
        )
      )}
      {children}
      {message && (
        <p id={form.ids.message(name)} className="kling-form__message">
          {message}
        </p>
      )}
    </Box>
  );
}
