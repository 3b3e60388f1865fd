import { forwardRef, type FormHTMLAttributes } from "react";
import { cx } from "../shared";
import type { VideoTrimmerLabels } from "../VideoTrimmer/labels";
import { ClipPanel } from "./ClipPanel";
import { Field } from "./Field";
import { ReferenceImagesField } from "./ReferenceImagesField";
import { TierField } from "./TierField";
import { UploadZone } from "./UploadZone";
import { useVideoEditForm, type UseVideoEditFormOptions } from "./useVideoEditForm";

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
    const { labels, values, ids } = form;
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

          <TierField form={form} />

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

          <ReferenceImagesField form={form} />
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
