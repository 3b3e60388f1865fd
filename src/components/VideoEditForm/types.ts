import type {
  ChangeEvent,
  FormHTMLAttributes,
  HTMLAttributes,
  InputHTMLAttributes,
  KeyboardEvent,
  LabelHTMLAttributes,
  Ref,
  TextareaHTMLAttributes,
  VideoHTMLAttributes,
} from "react";
import type { KlingError } from "../../core/errors";
import type { KlingLimits, PricingFunction } from "../../core/limits";
import type { EditField, KlingEditInput, KlingTier, NormalizedEditInput } from "../../core/types";
import type { UploadKind } from "../../core/uploads";
import type { VideoMetadata } from "../../hooks/useVideoMetadata";
import type { VideoEditFormLabels } from "./labels";
import type { VideoEditFormClip } from "./useClipPreparation";
import type { UploadFile, UseUploadResult } from "./useUpload";
import type { EditFormValues } from "./values";

// The types of `useVideoEditForm`: its options, its result, and what its prop getters give.

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

/** `idle`, `invalid` (issues shown), `busy` or `disabled`: the form's `data-form` (and `data-state`). */
export type VideoEditFormState = "idle" | "invalid" | "busy" | "disabled";

/** What a prop getter takes and gives: the element's props, with a ref. */
export type With<E, A> = A & { ref?: Ref<E> };
export type InputProps = With<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>;
export type FieldElementProps = With<
  HTMLInputElement & HTMLTextAreaElement,
  InputHTMLAttributes<HTMLInputElement> & TextareaHTMLAttributes<HTMLTextAreaElement>
>;
export type FieldElement = HTMLInputElement | HTMLTextAreaElement;
export type FormProps = With<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>;

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
  /** Set while the form is locked (busy or disabled), on the text fields. */
  readOnly?: boolean;
  disabled?: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  onChange?: (event: ChangeEvent<FieldElement>) => void;
  onKeyDown?: (event: KeyboardEvent<FieldElement>) => void;
}

/**
 * What `getTierGroupProps` gives any single-choice control for the tier: the `value` +
 * `onValueChange` pair of Radix's RadioGroup, ToggleGroup (`type="single"`) and Select, and of
 * most design systems' segmented controls. A value that is not a tier ("" from a toggle group
 * pressed again) changes nothing.
 */
export interface TierGroupProps {
  name: string;
  value: KlingTier;
  onValueChange: (value: string) => void;
  disabled?: boolean;
  /** The group's name ("Quality"); your `aria-labelledby` takes over from it. */
  "aria-label"?: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** What `getTierOptionProps` gives one item of that control (a radio item, a toggle, a select item). */
export interface TierOptionProps {
  /** On the first option: the tier label's `htmlFor` and the focus of an invalid tier go to it. */
  id?: string;
  value: KlingTier;
  disabled?: boolean;
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
  /** The fields are read-only now (busy or disabled): the getters make them `readOnly` or `disabled`. */
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
  /**
   * The picked clip on its way to the upload (when `uploadFile` is given): inspected, trimmed
   * (`clip.trimOptions` for `useClipTrim` or `<VideoTrimmer>`) or converted, then uploaded.
   */
  clip?: VideoEditFormClip;
  /** The uploads, when `uploadFile` is given. */
  uploads?: Record<UploadKind, VideoEditFormUpload>;
  /**
   * The provider's proxy has not yet said whether it takes uploads (asked after mount): the
   * zones may appear. `VideoEditForm` keeps their space meanwhile; so can your markup.
   */
  uploadsPending: boolean;
  /** Element ids, for labels and descriptions of a design system's own markup. */
  ids: {
    error: string;
    field: (field: EditField) => string;
    message: (field: EditField) => string;
    promptHint: string;
    promptCount: string;
    durationHint: string;
    imagesCount: string;
    /** "This clip has no sound", beside keep audio. */
    audioHint: string;
    upload: (kind: UploadKind) => string;
  };
  getFormProps: (
    props?: With<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>,
  ) => With<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>;
  /** id, name, value (or checked) and onChange, aria-invalid and aria-describedby of a field's control. */
  getFieldProps: (field: EditField, props?: FieldElementProps) => VideoEditFieldProps;
  getLabelProps: (
    field: EditField,
    props?: LabelHTMLAttributes<HTMLLabelElement>,
  ) => LabelHTMLAttributes<HTMLLabelElement>;
  /** One native radio of the tier group. */
  getTierProps: (tier: KlingTier, props?: InputProps) => InputProps;
  /** The tier as any single-choice control (`value` + `onValueChange`): a Radix RadioGroup, ToggleGroup or Select. */
  getTierGroupProps: (props?: Partial<TierGroupProps>) => TierGroupProps;
  /** One item of that control. */
  getTierOptionProps: (tier: KlingTier, props?: Partial<TierOptionProps>) => TierOptionProps;
  /** The muted `<video>` that previews the source and reads its length. */
  getPreviewProps: (
    props?: VideoHTMLAttributes<HTMLVideoElement>,
  ) => With<HTMLVideoElement, VideoHTMLAttributes<HTMLVideoElement>>;
  /** A drop zone for one kind of file (`data-upload` and `data-state`, `data-dragging` while a file is over it). */
  getUploadZoneProps: (kind: UploadKind, props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
  /** The `<input type="file">` of one kind, named by `labels.uploadVideo` / `uploadImage` unless you name it. */
  getUploadInputProps: (kind: UploadKind, props?: InputProps) => InputProps;
}
