import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent, type FormEvent, type KeyboardEvent } from "react";
import { DEFAULT_LIMITS, estimateCredits, TIERS } from "../../core/limits";
import type { EditField } from "../../core/types";
import { roundDuration, validateEditInput, type FieldErrors } from "../../core/validate";
import { useOptionalKlingContext } from "../../hooks/context";
import { useProxyUploader } from "../../hooks/useProxyUploader";
import { useVideoMetadata } from "../../hooks/useVideoMetadata";
import { cx, mergeProps, useControllableState, useLabels } from "../shared";
import { DEFAULT_FORM_LABELS } from "./labels";
import type { FieldElement, FormProps, UseVideoEditFormOptions, UseVideoEditFormResult, VideoEditFieldProps, VideoEditFormState } from "./types";
import { useFormUploads } from "./useFormUploads";
import { usePreviewUrl } from "./usePreviewUrl";
import { toFormValues, type EditFormValues } from "./values";

export type { UseVideoEditFormOptions, UseVideoEditFormResult, VideoEditFieldProps, VideoEditFormState, VideoEditFormUpload } from "./types";

/** Lock states of one submit: open, held, held and the parent has been busy since. */
const OPEN = 0;
const HELD = 1;
const HELD_BUSY = 2;


/** A file dropped beside a drop zone would make the browser leave the page for it: refuse it. */
function ignoreFileDrop(event: DragEvent) {
  if (Array.from(event.dataTransfer?.types ?? []).includes("Files")) event.preventDefault();
}

/**
 * Mutes the preview through the property: React renders no `muted` attribute on the server, so
 * the prop would make every hydration mismatch.
 */
function muteVideo(video: HTMLVideoElement | null) {
  if (video) video.muted = video.defaultMuted = true;
}

/**
 * The behaviour of the edit form without its markup: values (controlled or not), validation by
 * `validateEditInput` (the rule the hook and the proxy run), the one-submit lock, the length from
 * the video's metadata, reference images and uploads, and prop getters that give any input the
 * right ids, `aria-invalid`, `aria-describedby` and handlers.
 */
export function useVideoEditForm(options: UseVideoEditFormOptions = {}): UseVideoEditFormResult {
  const { onSubmit, value, onChange, disabled, busy, error } = options;
  const provided = useOptionalKlingContext();
  const limits = options.limits ?? provided?.limits;
  // The one place the uploader is chosen: the option, else the proxy's when it takes uploads.
  const offered = useProxyUploader(options.uploadFile === undefined);
  const uploadFile = options.uploadFile === false ? undefined : (options.uploadFile ?? offered);
  const labels = useLabels(DEFAULT_FORM_LABELS, options.labels);
  const max = { ...DEFAULT_LIMITS, ...limits };
  const [values, setValues] = useControllableState(value, toFormValues(options.defaultValues), onChange);
  const [showIssues, setShowIssues] = useState(false);
  const [draft, setDraftState] = useState("");
  const [draftIssue, setDraftIssue] = useState<string>();
  const locked = !!(disabled || busy);
  const id = useId();
  const idOf = (part: string) => `${id}-${part}`;
  const form = useRef<HTMLFormElement | null>(null);
  // One ref function for the form's whole life: a new one per render would be detached and attached each time.
  const [formRef] = useState(() => (element: HTMLFormElement | null) => void (form.current = element));

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
  const setDraft = (next: string) => {
    setDraftState(next);
    setDraftIssue(undefined);
  };
  const addDraft = () => !!draft.trim() && addImage(draft) && (setDraftState(""), true);
  const files = useFormUploads({ uploadFile, limits, labels, locked, update, addImage, inputId: idOf });
  const { clip } = files;
  const canSubmit = !locked && !files.busy;
  const silent = clip?.hasAudio === false;

  const [previewUrl, typedUrl] = usePreviewUrl(values.video_url);
  const { metadata, videoProps } = useVideoMetadata(previewUrl, {
    onLoaded: ({ duration }) => update({ video_duration: roundDuration(duration) }),
  });

  const checked = validateEditInput(values, limits);
  const issues: FieldErrors = { ...error?.fieldErrors, ...(showIssues && !checked.ok ? checked.errors : {}) };
  const messageOf = (field: EditField) => issues[field] && labels.fieldIssue(issues[field], field);
  const images = values.image_urls;
  const full = images.length >= max.maxReferenceImages;
  const imagesMessage = draftIssue ?? messageOf("image_urls");
  const duration = values.video_duration;
  const known = Number.isFinite(duration) && duration! > 0;

  const submit = () => {
    if (!canSubmit || lock.current) return;
    if (!checked.ok) {
      setShowIssues(true);
      // validateEditInput checks the fields in their order on screen: its first issue is the first field.
      const first = Object.keys(checked.errors)[0]!;
      // By id from the form's own root, which may be a shadow root.
      ((form.current?.getRootNode() ?? document) as Document).getElementById(idOf(first))?.focus();
      return;
    }
    lock.current = HELD;
    const settled = onSubmit?.(checked.value) as PromiseLike<unknown> | undefined;
    const release = () => {
      if (lock.current === HELD) lock.current = OPEN;
    };
    if (typeof settled?.then === "function") settled.then(release, release);
  };

  /** aria-invalid and aria-describedby of a control: its message when it has one, then its hints. */
  const describe = (invalid: boolean, field: EditField, ...hints: Array<string | false>) => ({
    id: idOf(field),
    name: field,
    "aria-invalid": invalid ? (true as const) : undefined,
    "aria-describedby": cx(invalid && idOf(field + "-message"), ...hints) || undefined,
  });
  const fieldProps: Record<EditField, () => Partial<VideoEditFieldProps>> = {
    prompt: () => ({
      ...describe(!!messageOf("prompt"), "prompt", idOf("hint"), idOf("count")),
      value: values.prompt,
      onChange: (event: ChangeEvent<FieldElement>) => update({ prompt: event.currentTarget.value }),
    }),
    video_url: () => ({
      ...describe(!!messageOf("video_url"), "video_url"),
      type: "url" as const,
      inputMode: "url" as const,
      value: values.video_url,
      onChange: (event: ChangeEvent<FieldElement>) => {
        typedUrl(event);
        // A link typed or pasted replaces a picked clip, wherever it was.
        if (clip && clip.status !== "idle") clip.cancel();
        update({ video_url: event.currentTarget.value.trim() });
      },
    }),
    video_duration: () => ({
      ...describe(!!messageOf("video_duration"), "video_duration", idOf("duration-hint")),
      type: "number" as const,
      inputMode: "decimal" as const,
      step: 0.1,
      min: max.minDurationSeconds,
      max: max.maxDurationSeconds,
      value: Number.isFinite(duration) ? duration : "",
      onChange: ({ currentTarget: { value: typed } }: ChangeEvent<FieldElement>) =>
        update({ video_duration: typed ? Number(typed) : undefined }),
    }),
    // For the tier group's element (a fieldset or radiogroup); each radio has getTierProps.
    tier: () => ({ "aria-describedby": messageOf("tier") ? idOf("tier-message") : undefined }),
    keep_audio: () => ({
      ...describe(!!messageOf("keep_audio"), "keep_audio", silent && idOf("audio-hint")),
      type: "checkbox" as const,
      // A clip without sound has none to keep.
      checked: values.keep_audio && !silent,
      disabled: silent || undefined,
      onChange: (event: ChangeEvent<FieldElement>) => update({ keep_audio: (event.currentTarget as HTMLInputElement).checked }),
    }),
    // The control of the images field is the URL being typed: Enter adds it instead of submitting.
    image_urls: () => ({
      ...describe(!!imagesMessage, "image_urls", idOf("images-count")),
      type: "url" as const,
      inputMode: "url" as const,
      value: draft,
      disabled: full,
      onChange: (event: ChangeEvent<FieldElement>) => setDraft(event.currentTarget.value),
      onKeyDown: (event: KeyboardEvent<FieldElement>) => {
        if (event.key === "Enter") {
          event.preventDefault();
          addDraft();
        }
      },
    }),
  };

  const state: VideoEditFormState = disabled ? "disabled" : busy ? "busy" : Object.keys(issues).length ? "invalid" : "idle";

  return {
    values,
    setValues: update,
    state,
    labels,
    limits: max,
    submit,
    canSubmit,
    locked,
    messageOf: (field) => (field === "image_urls" ? imagesMessage : messageOf(field)),
    errorMessage: error ? labels.formError(error) : undefined,
    metadata,
    durationHint: `${labels.durationRange(max.minDurationSeconds, max.maxDurationSeconds)} ${
      metadata.state === "loading"
        ? labels.durationReading
        : metadata.state === "loaded"
          ? labels.durationFromVideo(roundDuration(metadata.duration))
          : metadata.state === "error"
            ? labels.durationUnreadable(metadata.reason)
            : ""
    }`.trim(),
    previewUrl,
    estimate: (tier) => (known ? (options.pricing ?? estimateCredits)({ video_duration: duration!, tier }) : undefined),
    images: { urls: images, draft, setDraft, addDraft, remove: (index) => update({ image_urls: images.filter((_, i) => i !== index) }), full, message: imagesMessage },
    uploads: files.uploads,
    clip,
    ids: {
      error: idOf("error"),
      field: idOf,
      message: (field) => idOf(field + "-message"),
      promptHint: idOf("hint"),
      promptCount: idOf("count"),
      durationHint: idOf("duration-hint"),
      imagesCount: idOf("images-count"),
      audioHint: idOf("audio-hint"),
      upload: idOf,
    },
    getFormProps: (props) =>
      mergeProps(
        {
          ref: formRef,
          noValidate: true,
          "data-state": state,
          "aria-describedby": error ? idOf("error") : undefined,
          onSubmit: (event: FormEvent) => {
            event.preventDefault();
            submit();
          },
          onDragOver: uploadFile && ignoreFileDrop,
          onDrop: uploadFile && ignoreFileDrop,
        } as FormProps,
        props,
      ),
    getFieldProps: (field, props) => mergeProps(fieldProps[field]() as VideoEditFieldProps, props),
    getLabelProps: (field, props) => mergeProps({ htmlFor: idOf(field) }, props),
    getTierProps: (tier, props) =>
      mergeProps(
        {
          // The first radio stands for the group: the label and the focus of an invalid tier go to it.
          id: tier === TIERS[0] ? idOf("tier") : undefined,
          type: "radio",
          name: idOf("tier"),
          value: tier,
          checked: values.tier === tier,
          onChange: () => update({ tier }),
        },
        props,
      ),
    getPreviewProps: (props) => mergeProps({ src: previewUrl, ref: muteVideo, playsInline: true, preload: "metadata", "aria-label": labels.videoPreview, ...videoProps }, props),
    getUploadZoneProps: files.getUploadZoneProps,
    getUploadInputProps: files.getUploadInputProps,
  };
}
