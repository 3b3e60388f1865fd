import { useState, type KeyboardEvent, type Ref } from "react";
import type { VideoEditFormLabels } from "./labels";
import { UploadControl } from "./UploadControl";
import type { useUpload } from "./useUpload";

export interface ReferenceImagesProps {
  idBase: string;
  images: string[];
  /** Adds an image unless the submit rule refuses it; returns why it was refused. */
  onAdd: (url: string) => string | undefined;
  onRemove: (index: number) => void;
  max: number;
  /** The message of the list as a whole (validation or the server's), shown under it. */
  message?: string;
  disabled: boolean;
  upload?: ReturnType<typeof useUpload>;
  inputRef: Ref<HTMLInputElement>;
  labels: VideoEditFormLabels;
}

/** Reference images: add by URL (or upload), see thumbnails, remove; the limit is always visible. */
export function ReferenceImages(props: ReferenceImagesProps) {
  const { idBase, images, onAdd, onRemove, max, message, disabled, upload, inputRef, labels } = props;
  const [draft, setDraft] = useState("");
  const [draftIssue, setDraftIssue] = useState<string>();
  const full = images.length >= max;
  const shown = draftIssue ?? message;
  const countId = `${idBase}-count`;
  const messageId = `${idBase}-message`;

  const add = (url: string) => {
    const issue = onAdd(url);
    setDraftIssue(issue);
    return !issue;
  };
  const addDraft = () => {
    if (draft.trim() && add(draft)) setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the image instead of submitting the whole form.
    if (event.key === "Enter") {
      event.preventDefault();
      addDraft();
    }
  };

  return (
    <fieldset className="kling-form__field kling-form__images" disabled={disabled}>
      <legend className="kling-form__label">
        {labels.images}{" "}
        <span id={countId} className="kling-form__count">
          {labels.imagesCount(images.length, max)}
        </span>
      </legend>
      {images.length > 0 && (
        <ul className="kling-form__thumbs">
          {images.map((url, i) => (
            <li key={url + i} className="kling-form__thumb">
              <img src={url} alt={labels.imageAlt(i + 1)} loading="lazy" />
              <button
                type="button"
                className="kling-button kling-form__remove"
                aria-label={labels.removeImage(i + 1)}
                onClick={() => onRemove(i)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="kling-form__row">
        <label className="kling-visually-hidden" htmlFor={`${idBase}-url`}>
          {labels.imageUrl}
        </label>
        <input
          ref={inputRef}
          id={`${idBase}-url`}
          className="kling-form__input"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={draft}
          disabled={full}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${messageId} ${countId}` : countId}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            setDraftIssue(undefined);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="kling-button" disabled={full || !draft.trim()} onClick={addDraft}>
          {labels.addImage}
        </button>
      </div>
      {upload && !full && (
        <UploadControl
          id={`${idBase}-upload`}
          kind="image"
          accept="image/jpeg,image/png,image/webp"
          label={labels.uploadImage}
          upload={upload}
          onUploaded={add}
          disabled={disabled}
          labels={labels}
        />
      )}
      {shown && (
        <p id={messageId} className="kling-form__message">
          {shown}
        </p>
      )}
    </fieldset>
  );
}
