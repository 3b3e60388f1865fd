import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type DragEvent,
  type FormEvent,
  type FormHTMLAttributes,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type LabelHTMLAttributes,
  type Ref,
  type TextareaHTMLAttributes,
  type VideoHTMLAttributes,
} from "react";
import type { KlingError } from "../../core/errors";
import { DEFAULT_LIMITS, estimateCredits, TIERS, type KlingLimits, type PricingFunction } from "../../core/limits";
import type { EditField, KlingEditInput, KlingTier, NormalizedEditInput } from "../../core/types";
import type { UploadKind } from "../../core/uploads";
import { roundDuration, validateEditInput, type FieldErrors } from "../../core/validate";
import { useOptionalKlingContext } from "../../hooks/context";
import { useProxyUploader } from "../../hooks/useProxyUploader";
import { useVideoMetadata, type VideoMetadata } from "../../hooks/useVideoMetadata";
import { cx, mergeProps, useControllableState, useLabels } from "../shared";
import { DEFAULT_FORM_LABELS, type VideoEditFormLabels } from "./labels";
import { usePreviewUrl } from "./usePreviewUrl";
import { UPLOAD_TYPES, useUpload, type UploadFile, type UseUploadResult } from "./useUpload";
import { toFormValues, type EditFormValues } from "./values";

export interface UseVideoEditFormOptions {
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
  /** An edit is being submitted or is running: nothing is submitted. */
  busy?: boolean;
  /** The error of the last submit: its message at form level, its `fieldErrors` at their fields. */
  error?: KlingError | null;
  labels?: Partial<VideoEditFormLabels>;
  /**
   * Overrides of the model limits; the same ones the hook and the proxy validate with. Default:
   * the `KlingProvider`'s limits when there is one above.
   */
  limits?: Partial<KlingLimits>;
  /** Estimated credits per tier; labelled as an estimate. Default `estimateCredits`. */
  pricing?: PricingFunction;
  /**
   * Picks or drops local files and resolves to the public URL to use. Default: the proxy's
   * uploader when the proxy takes uploads (`useProxyUploader`); `false` turns uploads off.
   */
  uploadFile?: UploadFile | false;
}

/** `idle`, `invalid` (issues shown), `busy` or `disabled`: the form's `data-state`. */
export type VideoEditFormState = "idle" | "invalid" | "busy" | "disabled";

/** What a prop getter takes and gives: the element's props, with a ref. */
type With<E, A> = A & { ref?: Ref<E> };
type InputProps = With<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>;
type FieldElementProps = With<HTMLInputElement & HTMLTextAreaElement, InputHTMLAttributes<HTMLInputElement> & TextareaHTMLAttributes<HTMLTextAreaElement>>;
type FieldElement = HTMLInputElement | HTMLTextAreaElement;

/**
 * What `getFieldProps` gives a field's control: exactly these, so that they also fit a design
 * system's own input components (whose props differ from the DOM's beyond these).
 */
export interface VideoEditFieldProps {
  id: string;
  name: EditField;
  value?: string | number;
  checked?: boolean;
  type?: "url" | "number" | "checkbox";
  inputMode?: "url" | "decimal";
  step?: number;
  min?: number;
  max?: number;
  disabled?: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  onChange?: (event: ChangeEvent<FieldElement>) => void;
  onKeyDown?: (event: KeyboardEvent<FieldElement>) => void;
}

export interface VideoEditFormUpload extends UseUploadResult {
  /** Checks and uploads a file a design system's own picker gave, and puts its URL in the form. */
  upload: (file: File | undefined) => Promise<void>;
  /** Upload progress in percent while uploading. */
  percent?: number;
  /** Why the last file was refused or failed, in words (from `labels`). */
  message?: string;
}

export interface UseVideoEditFormResult {
  values: EditFormValues;
  /** Merges a change into the latest values, as typing does (a design system's own onChange). */
  setValues: (patch: Partial<EditFormValues>) => void;
  state: VideoEditFormState;
  labels: VideoEditFormLabels;
  /** The limits in force (the option, the provider's, then the published ones). */
  limits: KlingLimits;
  /** Validates, focuses the first invalid field, and calls `onSubmit` once; what the form's submit does. */
  submit: () => void;
  /** Submitting is possible now (not busy, disabled or uploading). */
  canSubmit: boolean;
  /** The fields are read-only now (busy or disabled). */
  locked: boolean;
  /** A field's validation message (after a submit attempt, or from `error.fieldErrors`). */
  messageOf: (field: EditField) => string | undefined;
  /** The form-level message of `error`. */
  errorMessage?: string;
  /** The length read from the source video's metadata, or why it could not be. */
  metadata: VideoMetadata;
  /** The duration field's hint: the accepted range, then what the metadata said. */
  durationHint: string;
  /** The URL of the source video to preview (it waits while the URL is typed key by key). */
  previewUrl?: string;
  /** The credit estimate of a tier, once the length is known. */
  estimate: (tier: KlingTier) => number | undefined;
  /** The reference images: the URL being typed, add it (false if the rule refused it), remove one. */
  images: {
    urls: string[];
    draft: string;
    setDraft: (draft: string) => void;
    addDraft: () => boolean;
    remove: (index: number) => void;
    full: boolean;
    message?: string;
  };
  /** The uploads, when `uploadFile` is given. */
  uploads?: Record<UploadKind, VideoEditFormUpload>;
  /** Element ids, for labels and descriptions of a design system's own markup. */
  ids: {
    error: string;
    field: (field: EditField) => string;
    message: (field: EditField) => string;
    promptHint: string;
    promptCount: string;
    durationHint: string;
    imagesCount: string;
    upload: (kind: UploadKind) => string;
  };
  getFormProps: (props?: With<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>) => With<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>;
  /** id, name, value (or checked) and onChange, aria-invalid and aria-describedby of a field's control. */
  getFieldProps: (field: EditField, props?: FieldElementProps) => VideoEditFieldProps;
  getLabelProps: (field: EditField, props?: LabelHTMLAttributes<HTMLLabelElement>) => LabelHTMLAttributes<HTMLLabelElement>;
  /** One radio of the tier group. */
  getTierProps: (tier: KlingTier, props?: InputProps) => InputProps;
  /** The muted `<video>` that previews the source and reads its length. */
  getPreviewProps: (props?: VideoHTMLAttributes<HTMLVideoElement>) => With<HTMLVideoElement, VideoHTMLAttributes<HTMLVideoElement>>;
  /** A drop zone for one kind of file (`data-state`, `data-dragging` while a file is over it). */
  getUploadZoneProps: (kind: UploadKind, props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
  /** The `<input type="file">` of one kind. */
  getUploadInputProps: (kind: UploadKind, props?: InputProps) => InputProps;
}

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
  const videoUpload = useUpload(uploadFile, "video", limits);
  const imageUpload = useUpload(uploadFile, "image", limits);
  const locked = !!(disabled || busy);
  const canSubmit = !locked && videoUpload.status !== "uploading" && imageUpload.status !== "uploading";
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

  const uploadOf = (upload: UseUploadResult, kind: UploadKind): VideoEditFormUpload => {
    const { fraction, refused, error: failed } = upload.state;
    return {
      ...upload,
      upload: (file) => upload.take(file, applyUpload(kind)),
      percent: fraction === undefined ? undefined : Math.round(fraction * 100),
      message: refused ? labels.uploadRefused(refused) : upload.status === "error" ? labels.uploadFailed(failed) : undefined,
    };
  };
  const uploads = uploadFile ? { video: uploadOf(videoUpload, "video"), image: uploadOf(imageUpload, "image") } : undefined;
  // Where an uploaded file's URL goes.
  const applyUpload = (kind: UploadKind) => (url: string) => (kind === "video" ? update({ video_url: url }) : addImage(url));

  /** aria-invalid and aria-describedby of a control: its message when it has one, then its hints. */
  const describe = (invalid: boolean, field: EditField, ...hints: string[]) => ({
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
      ...describe(!!messageOf("keep_audio"), "keep_audio"),
      type: "checkbox" as const,
      checked: values.keep_audio,
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
    uploads,
    ids: {
      error: idOf("error"),
      field: idOf,
      message: (field) => idOf(field + "-message"),
      promptHint: idOf("hint"),
      promptCount: idOf("count"),
      durationHint: idOf("duration-hint"),
      imagesCount: idOf("images-count"),
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
        } as With<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>,
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
    getUploadZoneProps: (kind, props) => {
      const upload = kind === "video" ? videoUpload : imageUpload;
      const drag = (event: DragEvent<HTMLElement>) => {
        event.preventDefault();
        event.currentTarget.toggleAttribute("data-dragging", event.type === "dragover" && !locked);
        if (event.type === "drop" && !locked) void upload.take(event.dataTransfer.files[0], applyUpload(kind));
      };
      return mergeProps({ "data-state": upload.status, onDragOver: drag, onDragLeave: drag, onDrop: drag } as HTMLAttributes<HTMLElement>, props);
    },
    getUploadInputProps: (kind, props) => {
      const upload = kind === "video" ? videoUpload : imageUpload;
      return mergeProps(
        {
          id: idOf(kind),
          type: "file",
          accept: UPLOAD_TYPES[kind].join(","),
          disabled: upload.status === "uploading",
          onChange: (event: ChangeEvent<HTMLInputElement>) => {
            const file = event.currentTarget.files?.[0];
            // Cleared so that picking the same file again after a failure fires `change` again.
            event.currentTarget.value = "";
            void upload.take(file, applyUpload(kind));
          },
        },
        props,
      );
    },
  };
}
