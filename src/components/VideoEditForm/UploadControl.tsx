import { useState, type ChangeEvent, type DragEvent } from "react";
import type { VideoEditFormLabels } from "./labels";
import type { useUpload } from "./useUpload";

/** Marks a refusal of the file's type, told apart from the app's upload errors. */
const WRONG_FILE_TYPE = Symbol("wrong file type");

export interface UploadControlProps {
  id: string;
  kind: "video" | "image";
  accept: string;
  label: string;
  upload: ReturnType<typeof useUpload>;
  onUploaded: (url: string) => void;
  disabled: boolean;
  labels: VideoEditFormLabels;
}

/** Pick or drop one local file, see its progress, cancel it; the app's `uploadFile` does the work. */
export function UploadControl({ id, kind, accept, label, upload, onUploaded, disabled, labels }: UploadControlProps) {
  const [dragging, setDragging] = useState(false);
  const { state } = upload;

  const take = async (file: File | undefined) => {
    if (!file || disabled) return;
    if (!file.type.startsWith(`${kind}/`)) return upload.fail(WRONG_FILE_TYPE);
    const url = await upload.start(file);
    if (url) onUploaded(url);
  };
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    // Cleared so that picking the same file again after a failure fires `change` again.
    event.currentTarget.value = "";
    void take(file);
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (disabled) return;
    event.preventDefault();
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  return (
    <div
      className="kling-form__upload"
      data-dragging={dragging || undefined}
      data-state={state.status}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label className="kling-form__upload-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="kling-form__upload-input"
        type="file"
        accept={accept}
        disabled={disabled || state.status === "uploading"}
        onChange={onChange}
      />
      <span className="kling-form__hint">{labels.dropHint}</span>
      {state.status === "uploading" && (
        <span className="kling-form__upload-progress">
          <progress aria-label={labels.uploadProgress} max={1} value={state.fraction} />
          <span>{labels.uploading(Math.round(state.fraction * 100))}</span>
          <button type="button" className="kling-button" onClick={upload.cancel}>
            {labels.cancelUpload}
          </button>
        </span>
      )}
      {state.status === "error" && (
        <span className="kling-form__message" role="alert">
          {state.error === WRONG_FILE_TYPE ? labels.wrongFileType : labels.uploadFailed(state.error)}
        </span>
      )}
    </div>
  );
}
