import type { ReactNode } from "react";

export interface FieldProps {
  htmlFor: string;
  label: string;
  /** The message under the field, and the id that the control's `aria-describedby` names. */
  message?: string;
  messageId: string;
  children: ReactNode;
}

/** One labelled control with its validation message; `data-invalid` for styling. */
export function Field({ htmlFor, label, message, messageId, children }: FieldProps) {
  return (
    <div className="kling-form__field" data-invalid={message ? true : undefined}>
      <label className="kling-form__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      <FieldMessage id={messageId} message={message} />
    </div>
  );
}

export function FieldMessage({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="kling-form__message">
      {message}
    </p>
  ) : null;
}
