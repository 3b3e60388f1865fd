import { forwardRef, type FormHTMLAttributes, type ReactNode } from "react";
import { TIERS } from "../../core/limits";
import type { EditField } from "../../core/types";
import type { UploadKind } from "../../core/uploads";
import { cx } from "../shared";
import type { VideoTrimmerLabels } from "../VideoTrimmer/labels";
import { ClipPanel } from "./ClipPanel";
import { tierLabel } from "./labels";
import { useVideoEditForm, type UseVideoEditFormOptions, type UseVideoEditFormResult } from "./useVideoEditForm";

/**
 * `fields`: the fields in the order of the API, the upload beside the URL. `clip-first`: where
 * uploads are on, the form leads with the clip (a large drop zone, the preview or trimmer at
 * full width, the URL field as the alternative), then the prompt and the rest.
 */
export type VideoEditFormLayout = "fields" | "clip-first";

/** The options of `useVideoEditForm`, and the native props of the `<form>`. */
export interface VideoEditFormProps
  extends UseVideoEditFormOptions, Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "onChange" | "defaultValue"> {
  /** Default `fields`. */
  layout?: VideoEditFormLayout;
  /** Strings of the trimmer shown for a clip that is too long. */
  trimmerLabels?: Partial<VideoTrimmerLabels>;
}

type Form = UseVideoEditFormResult;

/** One field: its label (a legend for a group), the control, and its validation message. */
function Field({
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

/** Pick or drop one local file, see its progress, cancel it; the app's `uploadFile` does the work. */
function UploadZone({ form, kind, label, large }: { form: Form; kind: UploadKind; label: string; large?: boolean }) {
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

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/** A form with a field for every parameter of a Kling O3 video edit: markup over `useVideoEditForm`. */
export const VideoEditForm = /* @__PURE__ */ forwardRef<HTMLFormElement, VideoEditFormProps>(
  function VideoEditForm(props, ref) {
    const {
      onSubmit,
      defaultValues,
      value,
      onChange,
      disabled,
      busy,
      error,
      labels: labelOverrides,
      limits,
      pricing,
      uploadFile,
      layout,
      trimmerLabels,
      className,
      ...rest
    } = props;
    const form = useVideoEditForm({
      onSubmit,
      defaultValues,
      value,
      onChange,
      disabled,
      busy,
      error,
      labels: labelOverrides,
      limits,
      pricing,
      uploadFile,
    });
    const { labels, values, images, ids } = form;
    const max = form.limits;
    const promptLength = values.prompt.trim().length;
    // Leading with the clip needs uploads; without them the URL is the only way in.
    const clipFirst = layout === "clip-first" && (!!form.uploads || form.uploadsPending);
    const preview = form.previewUrl && !form.clip?.trimOptions && (
      <video key={form.previewUrl} className="kling-form__preview" controls {...form.getPreviewProps()} />
    );
    const url = <input className="kling-form__input" placeholder="https://" {...form.getFieldProps("video_url")} />;
    const duration = (
      <Field form={form} name="video_duration" label={labels.duration}>
        <input className="kling-form__input kling-form__duration" {...form.getFieldProps("video_duration")} />
        <p id={ids.durationHint} className="kling-form__hint" data-metadata={form.metadata.state}>
          {form.durationHint}
        </p>
      </Field>
    );

    return (
      // eslint-disable-next-line react-hooks/refs -- the getter merges the forwarded ref into the form's props; nothing reads it during render
      <form
        {...form.getFormProps({ ...rest, ref })}
        className={cx("kling-root kling-form", className)}
        data-layout={clipFirst ? "clip-first" : "fields"}
      >
        {form.errorMessage && (
          <div id={ids.error} className="kling-form__error" role="alert">
            {form.errorMessage}
          </div>
        )}
        <fieldset className="kling-form__fields" disabled={form.locked}>
          {clipFirst && (
            <div className="kling-form__clip">
              <UploadZone form={form} kind="video" label={labels.uploadVideo} large />
              <ClipPanel form={form} trimmerLabels={trimmerLabels} />
              {preview}
              <p className="kling-form__or" aria-hidden="true">
                {labels.pasteLink}
              </p>
              <Field form={form} name="video_url" label={labels.videoUrl}>
                {url}
              </Field>
              {duration}
            </div>
          )}
          <Field form={form} name="prompt" label={labels.prompt}>
            <textarea className="kling-form__input kling-form__prompt" rows={4} {...form.getFieldProps("prompt")} />
            <div className="kling-form__row kling-form__row--between">
              <span id={ids.promptHint} className="kling-form__hint">
                {labels.promptHint}
              </span>
              <span
                id={ids.promptCount}
                className="kling-form__count"
                data-over={promptLength > max.maxPromptLength || undefined}
              >
                {labels.promptCount(promptLength, max.maxPromptLength)}
              </span>
            </div>
          </Field>

          {!clipFirst && (
            <>
              <Field form={form} name="video_url" label={labels.videoUrl}>
                {url}
                <UploadZone form={form} kind="video" label={labels.uploadVideo} />
                <ClipPanel form={form} trimmerLabels={trimmerLabels} />
                {preview}
              </Field>
              {duration}
            </>
          )}

          <Field form={form} name="tier" label={labels.tier} group="kling-form__tiers">
            <div className="kling-form__row">
              {TIERS.map((tier) => {
                const [name, hint] = tierLabel(tier, labels);
                const credits = form.estimate(tier);
                return (
                  <label key={tier} className="kling-form__choice" data-checked={values.tier === tier || undefined}>
                    <input {...form.getTierProps(tier)} />
                    <span className="kling-form__choice-name">{name}</span>
                    <span className="kling-form__hint">
                      {hint}
                      {" · "}
                      {credits === undefined ? labels.estimateUnknown : labels.estimate(credits)}
                    </span>
                  </label>
                );
              })}
            </div>
          </Field>

          <Field form={form} name="keep_audio" label={null}>
            <label className="kling-form__choice">
              <input {...form.getFieldProps("keep_audio")} />
              <span>{labels.keepAudio}</span>
            </label>
            {form.clip?.hasAudio === false && (
              <p id={ids.audioHint} className="kling-form__hint">
                {labels.noAudio}
              </p>
            )}
          </Field>

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
        </fieldset>

        <div className="kling-form__actions">
          <button type="submit" className="kling-button kling-button--primary" disabled={!form.canSubmit}>
            {busy ? labels.submitting : labels.submit}
          </button>
        </div>
      </form>
    );
  },
);
