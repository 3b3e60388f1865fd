import { Field } from "./Field";
import type { UseVideoEditFormResult as Form } from "./types";
import { UploadZone } from "./UploadZone";

/** The reference images: their thumbnails with a remove button, a URL to add, and an upload zone until full. */
export function ReferenceImagesField({ form }: { form: Form }) {
  const { labels, images, ids } = form;
  const max = form.limits;
  return (
    <Field
      form={form}
      name="image_urls"
      group="kling-form__images"
      label={
        <>
          {labels.images}{" "}
          <span id={ids.imagesCount} className="kling-form__count">
            {labels.imagesCount(images.urls.length, max.maxReferenceImages)}
          </span>
        </>
      }
    >
      {images.urls.length > 0 && (
        <ul className="kling-form__thumbs">
          {images.urls.map((url, i) => (
            <li key={url + i} className="kling-form__thumb">
              <img src={url} alt={labels.imageAlt(i + 1)} loading="lazy" />
              <button
                type="button"
                className="kling-button kling-form__remove"
                aria-label={labels.removeImage(i + 1)}
                onClick={() => images.remove(i)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="kling-form__row">
        <label className="kling-visually-hidden" {...form.getLabelProps("image_urls")}>
          {labels.imageUrl}
        </label>
        <input className="kling-form__input" placeholder="https://" {...form.getFieldProps("image_urls")} />
        <button
          type="button"
          className="kling-button"
          disabled={images.full || !images.draft.trim()}
          onClick={images.addDraft}
        >
          {labels.addImage}
        </button>
      </div>
      {!images.full && <UploadZone form={form} kind="image" label={labels.uploadImage} />}
    </Field>
  );
}
