import {
  forwardRef,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type FormEvent,
} from "react";
import type { KlingError } from "../../core/errors";
import { DEFAULT_LIMITS, estimateCredits, type KlingLimits, type PricingFunction } from "../../core/limits";
import type { EditField, KlingEditInput, NormalizedEditInput } from "../../core/types";
import { isHttpUrl, validateEditInput, type FieldErrors } from "../../core/validate";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import { useVideoMetadata } from "../../hooks/useVideoMetadata";
import { cx, useControllableState, useLabels } from "../shared";
import { DEFAULT_FORM_LABELS, type VideoEditFormLabels } from "./labels";
import { Field, FieldMessage } from "./Field";
import { ReferenceImages } from "./ReferenceImages";
import { TierChoice } from "./TierChoice";
import { useSubmitLock } from "./useSubmitLock";
import { SourceVideoField } from "./SourceVideoField";
import { useUpload, type UploadFile } from "./useUpload";
import { roundSeconds, toFormValues, type EditFormValues } from "./values";

export interface VideoEditFormProps {
  /**
   * Called with the validated, normalised input; never while anything is invalid, `busy` or
   * `disabled`. After a submit the form sends nothing more until the parent has been `busy` and
   * is no longer, a returned promise settles, or the user changes a field.
   */
  onSubmit?: (input: NormalizedEditInput) => unknown;
  /** Starting values when uncontrolled. */
  defaultValues?: Partial<KlingEditInput>;
  /** Controlled values; pair with `onChange`. */
  value?: EditFormValues;
  onChange?: (values: EditFormValues) => void;
  disabled?: boolean;
  /** An edit is being submitted or is running: the submit button is disabled. */
  busy?: boolean;
  /** The error of the last submit: its message at form level, its `fieldErrors` at their fields. */
  error?: KlingError | null;
  labels?: Partial<VideoEditFormLabels>;
  /** Overrides of the model limits; the same ones the hook and the proxy validate with. */
  limits?: Partial<KlingLimits>;
  /** Estimated credits per tier; shown labelled as an estimate. Default `estimateCredits`. */
  pricing?: PricingFunction;
  /** Enables picking or dropping local files; resolves to the public URL to use. */
  uploadFile?: UploadFile;
  className?: string;
  style?: CSSProperties;
  id?: string;
}

/** Order of the fields on screen: focus goes to the first invalid one. */
const FIELD_ORDER: readonly EditField[] = ["prompt", "video_url", "video_duration", "tier", "keep_audio", "image_urls"];

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/** A file dropped beside a drop zone would make the browser leave the page for it: refuse it. */
function ignoreFileDrop(event: DragEvent<HTMLFormElement>) {
  if (Array.from(event.dataTransfer?.types ?? []).includes("Files")) event.preventDefault();
}

/** A form with a field for every parameter of a Kling O3 video edit, validated by `validateEditInput`. */
export const VideoEditForm = /* @__PURE__ */ forwardRef<HTMLFormElement, VideoEditFormProps>(function VideoEditForm(props, ref) {
  const { onSubmit, defaultValues, value, onChange, disabled = false, busy = false, error, limits, uploadFile } = props;
  const labels = useLabels(DEFAULT_FORM_LABELS, props.labels);
  const pricing = props.pricing ?? estimateCredits;
  const max = { ...DEFAULT_LIMITS, ...limits };
  const [values, setValues] = useControllableState(value, toFormValues(defaultValues), onChange);
  const [showIssues, setShowIssues] = useState(false);
  const videoUpload = useUpload(uploadFile);
  const imageUpload = useUpload(uploadFile);
  const uploading = videoUpload.state.status === "uploading" || imageUpload.state.status === "uploading";

  const id = useId();
  const ids = {
    prompt: `${id}-prompt`,
    promptCount: `${id}-prompt-count`,
    promptHint: `${id}-prompt-hint`,
    videoUrl: `${id}-video-url`,
    duration: `${id}-duration`,
    durationHint: `${id}-duration-hint`,
    tier: `${id}-tier`,
    keepAudio: `${id}-keep-audio`,
    error: `${id}-error`,
  };
  const fieldRefs = {
    prompt: useRef<HTMLTextAreaElement>(null),
    video_url: useRef<HTMLInputElement>(null),
    video_duration: useRef<HTMLInputElement>(null),
    tier: useRef<HTMLInputElement>(null),
    keep_audio: useRef<HTMLInputElement>(null),
    image_urls: useRef<HTMLInputElement>(null),
  };

  const lock = useSubmitLock(busy);

  // Uploads finish long after the render that started them: merge into the latest values, not
  // into those that render saw, or what was typed meanwhile would be lost.
  const latest = useRef(values);
  useIsomorphicLayoutEffect(() => {
    latest.current = values;
  });
  const update = (patch: Partial<EditFormValues>) => {
    lock.release();
    latest.current = { ...latest.current, ...patch };
    setValues(latest.current);
  };

  /** Adds a reference image unless the submit rule refuses the list with it; returns why. */
  const addImage = (url: string): string | undefined => {
    const image_urls = [...latest.current.image_urls, url.trim()];
    const result = validateEditInput({ ...latest.current, image_urls }, limits);
    const issue = result.ok ? undefined : result.errors.image_urls;
    if (issue) return labels.fieldIssue(issue, "image_urls");
    update({ image_urls });
    return undefined;
  };

  const previewUrl = isHttpUrl(values.video_url) ? values.video_url : undefined;
  const { metadata, videoProps } = useVideoMetadata(previewUrl, {
    onLoaded: ({ duration }) => update({ video_duration: roundSeconds(duration) }),
  });

  const checked = validateEditInput(values, limits);
  const localIssues: FieldErrors = showIssues && !checked.ok ? checked.errors : {};
  const issueOf = (field: EditField): string | undefined => {
    const issue = localIssues[field] ?? error?.fieldErrors?.[field];
    return issue && labels.fieldIssue(issue, field);
  };
  const messageId = (field: EditField) => `${id}-${field}-message`;
  /** The ARIA state of a control: invalid, and described by its message and hints. */
  const describe = (field: EditField, ...hints: string[]) => {
    const invalid = !!issueOf(field);
    const described = [invalid ? messageId(field) : undefined, ...hints].filter(Boolean).join(" ");
    return { "aria-invalid": invalid || undefined, "aria-describedby": described || undefined };
  };
  const anyInvalid = FIELD_ORDER.some((field) => issueOf(field));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || disabled || uploading || lock.isLocked()) return;
    const result = validateEditInput(values, limits);
    if (!result.ok) {
      setShowIssues(true);
      const first = FIELD_ORDER.find((field) => result.errors[field]);
      if (first) fieldRefs[first].current?.focus();
      return;
    }
    lock.run(() => onSubmit?.(result.value));
  };

  const promptLength = values.prompt.trim().length;
  const duration = values.video_duration;
  const state = disabled ? "disabled" : busy ? "busy" : anyInvalid ? "invalid" : "idle";

  return (
    <form
      ref={ref}
      id={props.id}
      className={cx("kling-root kling-form", props.className)}
      style={props.style}
      data-state={state}
      noValidate
      aria-describedby={error ? ids.error : undefined}
      onSubmit={handleSubmit}
      onDragOver={uploadFile ? ignoreFileDrop : undefined}
      onDrop={uploadFile ? ignoreFileDrop : undefined}
    >
      {error && (
        <div id={ids.error} className="kling-form__error" role="alert">
          {labels.formError(error)}
        </div>
      )}
      <fieldset className="kling-form__fields" disabled={disabled || busy}>
        <Field htmlFor={ids.prompt} label={labels.prompt} message={issueOf("prompt")} messageId={messageId("prompt")}>
          <textarea
            ref={fieldRefs.prompt}
            id={ids.prompt}
            className="kling-form__input kling-form__prompt"
            rows={4}
            value={values.prompt}
            {...describe("prompt", ids.promptHint, ids.promptCount)}
            onChange={(event) => update({ prompt: event.currentTarget.value })}
          />
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

        <SourceVideoField
          id={ids.videoUrl}
          value={values.video_url}
          onChange={(video_url) => update({ video_url })}
          previewUrl={previewUrl}
          videoProps={videoProps}
          message={issueOf("video_url")}
          messageId={messageId("video_url")}
          aria={describe("video_url")}
          upload={uploadFile ? videoUpload : undefined}
          disabled={disabled || busy}
          inputRef={fieldRefs.video_url}
          labels={labels}
        />

        <Field
          htmlFor={ids.duration}
          label={labels.duration}
          message={issueOf("video_duration")}
          messageId={messageId("video_duration")}
        >
          <input
            ref={fieldRefs.video_duration}
            id={ids.duration}
            className="kling-form__input kling-form__duration"
            type="number"
            inputMode="decimal"
            step={0.1}
            min={max.minDurationSeconds}
            max={max.maxDurationSeconds}
            value={typeof duration === "number" && Number.isFinite(duration) ? duration : ""}
            {...describe("video_duration", ids.durationHint)}
            onChange={(event) => {
              const typed = event.currentTarget.value;
              update({ video_duration: typed === "" ? undefined : Number(typed) });
            }}
          />
          <p id={ids.durationHint} className="kling-form__hint" data-metadata={metadata.state}>
            {labels.durationRange(max.minDurationSeconds, max.maxDurationSeconds)}{" "}
            {metadata.state === "loading" && labels.durationReading}
            {metadata.state === "loaded" && labels.durationFromVideo(roundSeconds(metadata.duration))}
            {metadata.state === "error" && labels.durationUnreadable(metadata.reason)}
          </p>
        </Field>

        <TierChoice
          name={ids.tier}
          value={values.tier}
          onChange={(tier) => update({ tier })}
          duration={values.video_duration}
          pricing={pricing}
          message={issueOf("tier")}
          messageId={messageId("tier")}
          inputRef={fieldRefs.tier}
          labels={labels}
        />

        <div className="kling-form__field">
          <label className="kling-form__choice">
            <input
              ref={fieldRefs.keep_audio}
              id={ids.keepAudio}
              type="checkbox"
              checked={values.keep_audio}
              {...describe("keep_audio")}
              onChange={(event) => update({ keep_audio: event.currentTarget.checked })}
            />
            <span>{labels.keepAudio}</span>
          </label>
          <FieldMessage id={messageId("keep_audio")} message={issueOf("keep_audio")} />
        </div>

        <ReferenceImages
          idBase={`${id}-images`}
          images={values.image_urls}
          onAdd={addImage}
          onRemove={(index) => update({ image_urls: values.image_urls.filter((_, i) => i !== index) })}
          max={max.maxReferenceImages}
          message={issueOf("image_urls")}
          disabled={disabled || busy}
          upload={uploadFile ? imageUpload : undefined}
          inputRef={fieldRefs.image_urls}
          labels={labels}
        />
      </fieldset>

      <div className="kling-form__actions">
        <button
          type="submit"
          className="kling-button kling-button--primary"
          disabled={busy || disabled || uploading}
        >
          {busy ? labels.submitting : labels.submit}
        </button>
      </div>
    </form>
  );
});
