import {
  forwardRef,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type FormEvent,
  type ReactNode,
} from "react";
import type { KlingError } from "../../core/errors";
import { DEFAULT_LIMITS, estimateCredits, TIERS, type KlingLimits, type PricingFunction } from "../../core/limits";
import type { EditField, KlingEditInput, NormalizedEditInput } from "../../core/types";
import { isHttpUrl, validateEditInput, type FieldErrors } from "../../core/validate";
import { useOptionalKlingContext } from "../../hooks/context";
import { useVideoMetadata } from "../../hooks/useVideoMetadata";
import { cx, useControllableState, useLabels } from "../shared";
import { DEFAULT_FORM_LABELS, tierLabel, type VideoEditFormLabels } from "./labels";
import { UPLOAD_TYPES, useUpload, WRONG_FILE_TYPE, type UploadFile } from "./useUpload";
import { toFormValues, type EditFormValues } from "./values";

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
  /**
   * Overrides of the model limits; the same ones the hook and the proxy validate with. Default:
   * the `KlingProvider`'s limits when there is one above.
   */
  limits?: Partial<KlingLimits>;
  /** Estimated credits per tier; shown labelled as an estimate. Default `estimateCredits`. */
  pricing?: PricingFunction;
  /** Enables picking or dropping local files; resolves to the public URL to use. */
  uploadFile?: UploadFile;
  className?: string;
  style?: CSSProperties;
  id?: string;
}

/** Lock states of one submit: open, held, held and the parent has been busy since. */
const OPEN = 0;
const HELD = 1;
const HELD_BUSY = 2;

/** Lengths read from a video are rounded to a tenth of a second, the input's step. */
const round = (seconds: number) => Math.round(seconds * 10) / 10;

/** A file dropped beside a drop zone would make the browser leave the page for it: refuse it. */
function ignoreFileDrop(event: DragEvent<HTMLFormElement>) {
  if (Array.from(event.dataTransfer?.types ?? []).includes("Files")) event.preventDefault();
}

/**
 * Mutes the preview through the property: React renders no `muted` attribute on the server, so
 * the prop would make every hydration mismatch.
 */
function muteVideo(video: HTMLVideoElement | null) {
  if (video) video.muted = video.defaultMuted = true;
}

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/**
 * The URL to preview. Typed key by key, it waits until typing pauses: previewing every
 * keystroke would fetch "http://l/", "http://lo/", … A URL that arrives at once (pasted,
 * filled in, uploaded, set by a controlling parent) is previewed at once. `typed()` marks the
 * next change as a keystroke.
 */
function usePreviewUrl(url: string, delayMs = 400): [string | undefined, (event: { nativeEvent: Event }) => void] {
  const [preview, setPreview] = useState(url);
  const keystroke = useRef(false);
  useEffect(() => {
    if (!keystroke.current) {
      setPreview(url);
      return;
    }
    keystroke.current = false;
    const timer = setTimeout(() => setPreview(url), delayMs);
    return () => clearTimeout(timer);
  }, [url, delayMs]);
  const typed = useCallback(({ nativeEvent }: { nativeEvent: Event }) => {
    const kind = (nativeEvent as InputEvent).inputType ?? "";
    keystroke.current = kind === "insertText" || kind.startsWith("deleteContent");
  }, []);
  return [isHttpUrl(preview) ? preview : undefined, typed];
}

/** A form with a field for every parameter of a Kling O3 video edit, validated by `validateEditInput`. */
export const VideoEditForm = /* @__PURE__ */ forwardRef<HTMLFormElement, VideoEditFormProps>(function VideoEditForm(props, ref) {
  const { onSubmit, value, onChange, disabled, busy, error, uploadFile } = props;
  const provided = useOptionalKlingContext();
  const limits = props.limits ?? provided?.limits;
  const labels = useLabels(DEFAULT_FORM_LABELS, props.labels);
  const max = { ...DEFAULT_LIMITS, ...limits };
  const [values, setValues] = useControllableState(value, toFormValues(props.defaultValues), onChange);
  const [showIssues, setShowIssues] = useState(false);
  const [draft, setDraft] = useState("");
  const [draftIssue, setDraftIssue] = useState<string>();
  const videoUpload = useUpload(uploadFile, "video");
  const imageUpload = useUpload(uploadFile, "image");
  const off = disabled || busy;
  const uploading = videoUpload.state.fraction ?? imageUpload.state.fraction;
  const blocked = off || uploading !== undefined;
  const id = useId();

  // One user action, one submit. A ref, not state: two clicks can arrive before React renders
  // what the first one changed. Let go when the parent has been busy and is no longer, when a
  // returned promise settles (unless busy took over), or when the user changes something.
  const lock = useRef(OPEN);
  useEffect(() => {
    if (busy) lock.current &&= HELD_BUSY;
    else if (lock.current === HELD_BUSY) lock.current = OPEN;
  }, [busy]);

  // Merged into the latest values, not this render's: uploads and metadata arrive later, and
  // what was typed meanwhile must stay.
  const update = (patch: Partial<EditFormValues>) => {
    if (!busy) lock.current = OPEN;
    setValues((latest) => ({ ...latest, ...patch }));
  };

  /** Adds a reference image unless the submit rule refuses the list with it; false if refused. */
  const addImage = (url: string) => {
    let issue: string | undefined;
    // useControllableState calls the updater at once with the latest values.
    setValues((latest) => {
      const image_urls = [...latest.image_urls, url.trim()];
      const refused = validateEditInput({ ...latest, image_urls }, limits);
      issue = refused.ok ? undefined : refused.errors.image_urls && labels.fieldIssue(refused.errors.image_urls, "image_urls");
      return issue ? latest : { ...latest, image_urls };
    });
    setDraftIssue(issue);
    return !issue;
  };
  const addDraft = () => {
    if (draft.trim() && addImage(draft)) setDraft("");
  };

  const [previewUrl, typedUrl] = usePreviewUrl(values.video_url);
  const { metadata, videoProps } = useVideoMetadata(previewUrl, {
    onLoaded: ({ duration }) => update({ video_duration: round(duration) }),
  });

  const checked = validateEditInput(values, limits);
  const issues: FieldErrors = { ...error?.fieldErrors, ...(showIssues && !checked.ok ? checked.errors : {}) };
  const messageOf = (field: EditField) => issues[field] && labels.fieldIssue(issues[field], field);
  const idOf = (part: string) => `${id}-${part}`;
  /** The ARIA state of a control: invalid, and described by its message and hints. */
  const describe = (field: EditField, ...hints: string[]) => {
    const invalid = !!messageOf(field);
    return {
      id: idOf(field),
      "aria-invalid": invalid || undefined,
      "aria-describedby": cx(invalid && idOf(field + "-message"), ...hints) || undefined,
    };
  };

  /** One field: its label (a legend for a group), the control, and its validation message. */
  const field = (name: EditField, label: ReactNode, body: ReactNode, group?: string, message = messageOf(name)) => {
    const Box = group ? "fieldset" : "div";
    return (
      <Box
        className={cx("kling-form__field", group)}
        data-invalid={message ? true : undefined}
        aria-describedby={group && message ? idOf(name + "-message") : undefined}
      >
        {group ? (
          <legend className="kling-form__label">{label}</legend>
        ) : (
          label && (
            <label className="kling-form__label" htmlFor={idOf(name)}>
              {label}
            </label>
          )
        )}
        {body}
        {message && (
          <p id={idOf(name + "-message")} className="kling-form__message">
            {message}
          </p>
        )}
      </Box>
    );
  };

  /** Pick or drop one local file, see its progress, cancel it; the app's `uploadFile` does the work. */
  const uploadZone = (upload: ReturnType<typeof useUpload>, kind: keyof typeof UPLOAD_TYPES, label: string, use: (url: string) => unknown) => {
    const { fraction, error: failed } = upload.state;
    const failedState = "error" in upload.state;
    const drag = (event: DragEvent<HTMLDivElement>) => {
      event.preventDefault();
      event.currentTarget.toggleAttribute("data-dragging", event.type === "dragover" && !off);
      if (event.type === "drop" && !off) void upload.take(event.dataTransfer.files[0], use);
    };
    return (
      uploadFile && (
        <div
          className="kling-form__upload"
          data-state={fraction !== undefined ? "uploading" : failedState ? "error" : "idle"}
          onDragOver={drag}
          onDragLeave={drag}
          onDrop={drag}
        >
          <label className="kling-form__upload-label" htmlFor={idOf(kind)}>
            {label}
          </label>
          <input
            id={idOf(kind)}
            className="kling-form__upload-input"
            type="file"
            accept={UPLOAD_TYPES[kind].join(",")}
            disabled={fraction !== undefined}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              // Cleared so that picking the same file again after a failure fires `change` again.
              event.currentTarget.value = "";
              void upload.take(file, use);
            }}
          />
          <span className="kling-form__hint">{labels.dropHint}</span>
          {fraction !== undefined && (
            <span className="kling-form__upload-progress">
              <progress aria-label={labels.uploadProgress} max={1} value={fraction} />
              <span>{labels.uploading(Math.round(fraction * 100))}</span>
              <button type="button" className="kling-button" onClick={upload.cancel}>
                {labels.cancelUpload}
              </button>
            </span>
          )}
          {failedState && (
            <span className="kling-form__message" role="alert">
              {failed === WRONG_FILE_TYPE ? labels.wrongFileType : labels.uploadFailed(failed)}
            </span>
          )}
        </div>
      )
    );
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (blocked || lock.current) return;
    if (!checked.ok) {
      setShowIssues(true);
      // validateEditInput checks the fields in their order on screen: its first issue is the first field.
      const first = Object.keys(checked.errors)[0]!;
      // By id from the form's own root, which may be a shadow root.
      (event.currentTarget.getRootNode() as Document).getElementById(idOf(first))?.focus();
      return;
    }
    lock.current = HELD;
    const settled = onSubmit?.(checked.value) as PromiseLike<unknown> | undefined;
    const release = () => {
      if (lock.current === HELD) lock.current = OPEN;
    };
    if (typeof settled?.then === "function") settled.then(release, release);
  };

  const promptLength = values.prompt.trim().length;
  const duration = values.video_duration;
  const known = Number.isFinite(duration) && duration! > 0;
  const images = values.image_urls;
  const full = images.length >= max.maxReferenceImages;
  const imagesMessage = draftIssue ?? messageOf("image_urls");

  return (
    <form
      ref={ref}
      id={props.id}
      className={cx("kling-root kling-form", props.className)}
      style={props.style}
      data-state={disabled ? "disabled" : busy ? "busy" : Object.keys(issues).length ? "invalid" : "idle"}
      noValidate
      aria-describedby={error ? idOf("error") : undefined}
      onSubmit={handleSubmit}
      onDragOver={uploadFile && ignoreFileDrop}
      onDrop={uploadFile && ignoreFileDrop}
    >
      {error && (
        <div id={idOf("error")} className="kling-form__error" role="alert">
          {labels.formError(error)}
        </div>
      )}
      <fieldset className="kling-form__fields" disabled={off}>
        {field(
          "prompt",
          labels.prompt,
          <>
            <textarea
              className="kling-form__input kling-form__prompt"
              rows={4}
              value={values.prompt}
              {...describe("prompt", idOf("hint"), idOf("count"))}
              onChange={(event) => update({ prompt: event.currentTarget.value })}
            />
            <div className="kling-form__row kling-form__row--between">
              <span id={idOf("hint")} className="kling-form__hint">
                {labels.promptHint}
              </span>
              <span id={idOf("count")} className="kling-form__count" data-over={promptLength > max.maxPromptLength || undefined}>
                {labels.promptCount(promptLength, max.maxPromptLength)}
              </span>
            </div>
          </>,
        )}

        {field(
          "video_url",
          labels.videoUrl,
          <>
            <input
              className="kling-form__input"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={values.video_url}
              {...describe("video_url")}
              onChange={(event) => {
                typedUrl(event);
                update({ video_url: event.currentTarget.value.trim() });
              }}
            />
            {/* eslint-disable-next-line react-hooks/refs -- uploadZone calls `use` from upload events only, never while rendering */}
            {uploadZone(videoUpload, "video", labels.uploadVideo, (video_url) => update({ video_url }))}
            {previewUrl && (
              <video
                key={previewUrl}
                className="kling-form__preview"
                src={previewUrl}
                ref={muteVideo}
                playsInline
                controls
                preload="metadata"
                aria-label={labels.videoPreview}
                {...videoProps}
              />
            )}
          </>,
        )}

        {field(
          "video_duration",
          labels.duration,
          <>
            <input
              className="kling-form__input kling-form__duration"
              type="number"
              inputMode="decimal"
              step={0.1}
              min={max.minDurationSeconds}
              max={max.maxDurationSeconds}
              value={Number.isFinite(duration) ? duration : ""}
              {...describe("video_duration", idOf("duration-hint"))}
              onChange={({ currentTarget: { value: typed } }) => update({ video_duration: typed ? Number(typed) : undefined })}
            />
            <p id={idOf("duration-hint")} className="kling-form__hint" data-metadata={metadata.state}>
              {labels.durationRange(max.minDurationSeconds, max.maxDurationSeconds)}{" "}
              {metadata.state === "loading"
                ? labels.durationReading
                : metadata.state === "loaded"
                  ? labels.durationFromVideo(round(metadata.duration))
                  : metadata.state === "error" && labels.durationUnreadable(metadata.reason)}
            </p>
          </>,
        )}

        {field(
          "tier",
          labels.tier,
          <div className="kling-form__row">
            {TIERS.map((tier, i) => (
              <label key={tier} className="kling-form__choice" data-checked={values.tier === tier || undefined}>
                <input
                  id={i ? undefined : idOf("tier")}
                  type="radio"
                  name={idOf("tier")}
                  checked={values.tier === tier}
                  onChange={() => update({ tier })}
                />
                <span className="kling-form__choice-name">{tierLabel(tier, labels)[0]}</span>
                <span className="kling-form__hint">
                  {tierLabel(tier, labels)[1]}
                  {" · "}
                  {known ? labels.estimate((props.pricing ?? estimateCredits)({ video_duration: duration!, tier })) : labels.estimateUnknown}
                </span>
              </label>
            ))}
          </div>,
          "kling-form__tiers",
        )}

        {field(
          "keep_audio",
          null,
          <label className="kling-form__choice">
            <input
              type="checkbox"
              checked={values.keep_audio}
              {...describe("keep_audio")}
              onChange={(event) => update({ keep_audio: event.currentTarget.checked })}
            />
            <span>{labels.keepAudio}</span>
          </label>,
        )}

        {field(
          "image_urls",
          <>
            {labels.images}{" "}
            <span id={idOf("images-count")} className="kling-form__count">
              {labels.imagesCount(images.length, max.maxReferenceImages)}
            </span>
          </>,
          <>
            {images.length > 0 && (
              <ul className="kling-form__thumbs">
                {images.map((url, i) => (
                  <li key={url + i} className="kling-form__thumb">
                    <img src={url} alt={labels.imageAlt(i + 1)} loading="lazy" />
                    <button
                      type="button"
                      className="kling-button kling-form__remove"
                      aria-label={labels.removeImage(i + 1)}
                      onClick={() => update({ image_urls: images.filter((_, j) => j !== i) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="kling-form__row">
              <label className="kling-visually-hidden" htmlFor={idOf("image_urls")}>
                {labels.imageUrl}
              </label>
              <input
                className="kling-form__input"
                type="url"
                inputMode="url"
                placeholder="https://"
                value={draft}
                disabled={full}
                id={idOf("image_urls")}
                aria-invalid={imagesMessage ? true : undefined}
                aria-describedby={cx(imagesMessage && idOf("image_urls-message"), idOf("images-count"))}
                onChange={(event) => {
                  setDraft(event.currentTarget.value);
                  setDraftIssue(undefined);
                }}
                onKeyDown={(event) => {
                  // Enter adds the image instead of submitting the whole form.
                  if (event.key === "Enter") {
                    event.preventDefault();
                    addDraft();
                  }
                }}
              />
              <button type="button" className="kling-button" disabled={full || !draft.trim()} onClick={addDraft}>
                {labels.addImage}
              </button>
            </div>
            {!full && uploadZone(imageUpload, "image", labels.uploadImage, addImage)}
          </>,
          "kling-form__images",
          imagesMessage,
        )}
      </fieldset>

      <div className="kling-form__actions">
        <button type="submit" className="kling-button kling-button--primary" disabled={blocked}>
          {busy ? labels.submitting : labels.submit}
        </button>
      </div>
    </form>
  );
});
