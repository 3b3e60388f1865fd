import type { UploadKind } from "../../core/uploads";
import { cx } from "../shared";
import type { UseVideoEditFormResult as Form } from "./types";

/** Pick or drop one local file, see its progress, cancel it; the app's `uploadFile` does the work. */
export function UploadZone({
  form,
  kind,
  label,
  large,
}: {
  form: Form;
  kind: UploadKind;
  label: string;
  large?: boolean;
}) {
  const upload = form.uploads?.[kind];
  const { labels } = form;
  // Until the proxy says whether it takes uploads: the same box, unseen, so nothing shifts when
  // the zone arrives (and nothing is left behind when it does not).
  if (!upload)
    return form.uploadsPending ? (
      <div
        className={cx("kling-form__upload", large && "kling-form__upload--large")}
        data-upload="pending"
        aria-hidden="true"
      >
        <span className="kling-form__upload-label">{label}</span>
        <input className="kling-form__upload-input" type="file" disabled tabIndex={-1} />
        <span className="kling-form__hint">{labels.dropHint}</span>
      </div>
    ) : null;
  return (
    <div className={cx("kling-form__upload", large && "kling-form__upload--large")} {...form.getUploadZoneProps(kind)}>
      <label className="kling-form__upload-label" htmlFor={form.ids.upload(kind)}>
        {label}
      </label>
      <input className="kling-form__upload-input" {...form.getUploadInputProps(kind)} />
      <span className="kling-form__hint">{labels.dropHint}</span>
      {upload.percent !== undefined && (
        <span className="kling-form__upload-progress">
          <progress aria-label={labels.uploadProgress} max={1} value={upload.state.fraction} />
          <span>{labels.uploading(upload.percent)}</span>
          <button type="button" className="kling-button" onClick={upload.cancel}>
            {labels.cancelUpload}
          </button>
        </span>
      )}
      {upload.message && (
        <span className="kling-form__message" role="alert">
          {upload.message}
        </span>
      )}
    </div>
  );
}
