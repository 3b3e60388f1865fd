import { useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import { DEFAULT_LIMITS, estimateCredits } from "../../core/limits";
import type { EditField } from "../../core/types";
import { roundDuration, validateEditInput, type FieldErrors } from "../../core/validate";
import { useOptionalKlingContext } from "../../hooks/context";
import { useProxyUploadsOffer } from "../../hooks/useProxyUploader";
import { useVideoMetadata } from "../../hooks/useVideoMetadata";
import { mergeProps, useControllableState, useLabels } from "../shared";
import { fieldGetters } from "./field-props";
import { DEFAULT_FORM_LABELS } from "./labels";
import type { FormProps, UseVideoEditFormOptions, UseVideoEditFormResult, VideoEditFormState } from "./types";
import { useFormUploads } from "./useFormUploads";
import { usePreviewUrl } from "./usePreviewUrl";
import { useReferenceImages } from "./useReferenceImages";
import { useSubmitLock } from "./useSubmitLock";
import { toFormValues, type EditFormValues } from "./values";

export type {
  TierGroupProps,
  TierOptionProps,
  UseVideoEditFormOptions,
  UseVideoEditFormResult,
  VideoEditFieldProps,
  VideoEditFormState,
  VideoEditFormUpload,
} from "./types";

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
 * `validateEditInput` (the rule the hook and the proxy run), the length from the video's
 * metadata, and the prop getters (`fieldGetters`) that give any input the right ids,
 * `aria-invalid`, `aria-describedby`, handlers and lock. The one-submit lock
 * (`useSubmitLock`), the reference images (`useReferenceImages`) and the uploads
 * (`useFormUploads`) are hooks of their own.
 */
export function useVideoEditForm(options: UseVideoEditFormOptions = {}): UseVideoEditFormResult {
  const { onSubmit, value, onChange, disabled, busy, error } = options;
  const provided = useOptionalKlingContext();
  const limits = options.limits ?? provided?.limits;
  // The one place the uploader is chosen: the option, else the proxy's when it takes uploads.
  const offered = useProxyUploadsOffer(options.uploadFile === undefined);
  const uploadFile = options.uploadFile === false ? undefined : (options.uploadFile ?? offered.upload);
  const labels = useLabels(DEFAULT_FORM_LABELS, options.labels);
  const max = { ...DEFAULT_LIMITS, ...limits };
  const [values, setValues] = useControllableState(value, toFormValues(options.defaultValues), onChange);
  const [showIssues, setShowIssues] = useState(false);
  const locked = !!(disabled || busy);
  const id = useId();
  const idOf = (part: string) => `${id}-${part}`;
  const ids: UseVideoEditFormResult["ids"] = {
    error: idOf("error"),
    field: idOf,
    message: (field) => idOf(field + "-message"),
    promptHint: idOf("hint"),
    promptCount: idOf("count"),
    durationHint: idOf("duration-hint"),
    imagesCount: idOf("images-count"),
    audioHint: idOf("audio-hint"),
    upload: idOf,
  };
  const form = useRef<HTMLFormElement | null>(null);
  // One ref function for the form's whole life: a new one per render would be detached and attached each time.
  const [formRef] = useState(() => (element: HTMLFormElement | null) => void (form.current = element));
  const lock = useSubmitLock(busy);

  // Merged into the latest values, not this render's: uploads and metadata arrive later, and
  // what was typed meanwhile must stay.
  const update = (patch: Partial<EditFormValues>) => {
    lock.touch();
    setValues((latest) => ({ ...latest, ...patch }));
  };
  const images = useReferenceImages({
    urls: values.image_urls,
    setValues,
    update,
    limits,
    maxImages: max.maxReferenceImages,
    labels,
    locked,
  });
  const files = useFormUploads({
    uploadFile,
    limits,
    labels,
    locked,
    update,
    addImage: images.addImage,
    inputId: idOf,
  });
  const { clip } = files;
  const canSubmit = !locked && !files.busy;

  const [previewUrl, typedUrl] = usePreviewUrl(values.video_url);
  const { metadata, videoProps } = useVideoMetadata(previewUrl, {
    onLoaded: ({ duration }) => update({ video_duration: roundDuration(duration) }),
  });

  const checked = validateEditInput(values, limits);
  const issues: FieldErrors = { ...error?.fieldErrors, ...(showIssues && !checked.ok ? checked.errors : {}) };
  const imagesMessage = images.draftIssue ?? (issues.image_urls && labels.fieldIssue(issues.image_urls, "image_urls"));
  const messageOf = (field: EditField) =>
    field === "image_urls" ? imagesMessage : issues[field] && labels.fieldIssue(issues[field], field);
  const duration = values.video_duration;
  const known = Number.isFinite(duration) && duration! > 0;

  const submit = () => {
    if (!canSubmit || lock.held()) return;
    if (!checked.ok) {
      setShowIssues(true);
      // validateEditInput checks the fields in their order on screen: its first issue is the first field.
      const first = Object.keys(checked.errors)[0]!;
      // By id from the form's own root, which may be a shadow root.
      ((form.current?.getRootNode() ?? document) as Document).getElementById(idOf(first))?.focus();
      return;
    }
    lock.hold(onSubmit?.(checked.value));
  };

  const getters = fieldGetters({
    values,
    labels,
    limits: max,
    ids,
    messageOf,
    update,
    typedUrl,
    dropClip: () => clip && clip.status !== "idle" && clip.cancel(),
    images,
    silent: clip?.hasAudio === false,
    locked,
  });

  const state: VideoEditFormState = disabled
    ? "disabled"
    : busy
      ? "busy"
      : Object.keys(issues).length
        ? "invalid"
        : "idle";

  return {
    values,
    setValues: update,
    state,
    labels,
    limits: max,
    submit,
    canSubmit,
    locked,
    messageOf,
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
    images: { ...images, urls: values.image_urls, message: imagesMessage },
    uploads: files.uploads,
    uploadsPending: offered.pending,
    clip,
    ids,
    getFormProps: (props) =>
      mergeProps(
        {
          ref: formRef,
          noValidate: true,
          "data-state": state,
          // Beside data-state, which a design system's own form component may set for itself.
          "data-form": state,
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
    getLabelProps: (field, props) => mergeProps({ htmlFor: idOf(field) }, props),
    ...getters,
    getPreviewProps: (props) =>
      mergeProps(
        {
          src: previewUrl,
          ref: muteVideo,
          playsInline: true,
          preload: "metadata",
          "aria-label": labels.videoPreview,
          ...videoProps,
        },
        props,
      ),
    getUploadZoneProps: files.getUploadZoneProps,
    getUploadInputProps: files.getUploadInputProps,
  };
}
