import type { ClipInfo, ClipIssue } from "../../core/clip/check";
import type { ClipChange } from "../../core/clip/index";
import { isKlingError, KLING_ERROR_MESSAGES, type KlingError } from "../../core/errors";
import type { UploadIssue } from "../../core/uploads";
import type { FieldIssue } from "../../core/validate";
import type { EditField, KlingTier } from "../../core/types";
import type { VideoMetadataFailure } from "../../hooks/useVideoMetadata";

/** Every string `VideoEditForm` shows; replace any of them through `labels`. */
export interface VideoEditFormLabels {
  prompt: string;
  promptHint: string;
  promptCount: (count: number, max: number) => string;
  videoUrl: string;
  videoPreview: string;
  duration: string;
  durationRange: (min: number, max: number) => string;
  durationReading: string;
  durationFromVideo: (seconds: number) => string;
  durationUnreadable: (reason: VideoMetadataFailure) => string;
  tier: string;
  tierStandard: string;
  tierStandardHint: string;
  tierPro: string;
  tierProHint: string;
  estimate: (credits: number) => string;
  estimateUnknown: string;
  keepAudio: string;
  images: string;
  imagesCount: (count: number, max: number) => string;
  imageUrl: string;
  addImage: string;
  imageAlt: (position: number) => string;
  removeImage: (position: number) => string;
  uploadVideo: string;
  uploadImage: string;
  dropHint: string;
  uploadProgress: string;
  uploading: (percent: number) => string;
  cancelUpload: string;
  uploadFailed: (error: unknown) => string;
  /**
   * The uploader refused the file by a rule before storing it (a `KlingError` `invalid_input`:
   * a clip too short or too long as the browser reads it, a type or size the proxy refuses): its
   * own words, never "The upload failed". Its `fieldErrors` say which rule, by `code`.
   */
  uploadInvalid: (error: KlingError) => string;
  /** A file refused before upload by `checkUpload` (wrong type, too large, empty); switch on `issue.code` to translate. */
  uploadRefused: (issue: UploadIssue) => string;
  /** Between the clip's drop zone and the URL field, where the form leads with the clip. */
  pasteLink: string;
  clipReading: string;
  clipPreparing: string;
  clipProgress: string;
  cancelPreparation: string;
  /** A clip longer than the limit: above the trimmer. */
  clipTrimHint: (maxSeconds: number) => string;
  /** The button that prepares and uploads the chosen part. */
  usePart: string;
  /** What preparation will do (before) or did (after) to the clip. */
  clipChanges: (
    changes: readonly ClipChange[],
    target: { width: number; height: number; fps: number },
    done: boolean,
  ) => string;
  /** A clip no preparation fixes (too short, a shape no size fits); switch on `issue.code` to translate. */
  clipRefused: (issue: ClipIssue) => string;
  /** A clip this browser cannot prepare (`canPrepareClip` said no). */
  clipUnsupported: (info: ClipInfo) => string;
  /** A clip that could not be read or prepared (a `KlingError` `clip_unsupported` says what to do). */
  clipFailed: (error: unknown) => string;
  /** Beside "keep the original audio" for a clip without sound. */
  noAudio: string;
  submit: string;
  submitting: string;
  /** A validation issue under its field; switch on `issue.code` to translate. */
  fieldIssue: (issue: FieldIssue, field: EditField) => string;
  /** The form-level message for an error of the last submit. */
  formError: (error: KlingError) => string;
}

const REASONS: Record<VideoMetadataFailure, string> = {
  aborted: "loading was stopped",
  network: "the host could not be reached",
  decode: "the file could not be decoded",
  unsupported: "the link is broken, not a video, or its host does not allow it",
  no_duration: "the video does not report a length",
};

/** Codecs as people know them. */
const CODECS: Partial<Record<string, string>> = { avc: "H.264", hevc: "HEVC (H.265)" };

const CHANGES: Record<ClipChange, (width: number, height: number, fps: number, done: boolean) => string> = {
  trimmed: (_, __, ___, done) => (done ? "trimmed" : "trimmed to the part you choose"),
  scaled: (width, height) => `scaled to ${width}×${height}`,
  fps: (_, __, fps) => `brought to ${fps} fps`,
  transcoded: () => "converted to H.264 MP4",
  remuxed: () => "rewritten as MP4",
};

export const DEFAULT_FORM_LABELS: VideoEditFormLabels = {
  prompt: "What to change",
  promptHint: "Describe the edit, for example “make it snow”.",
  promptCount: (count, max) => `${count} of ${max} characters`,
  videoUrl: "Source video URL",
  videoPreview: "Preview of the source video",
  duration: "Video length (seconds)",
  durationRange: (min, max) => `Accepted: ${min} to ${max} seconds.`,
  durationReading: "Reading the length from the video…",
  durationFromVideo: (seconds) => `Filled in from the video: ${seconds} s.`,
  durationUnreadable: (reason) => `The length could not be read from this video (${REASONS[reason]}): type it in.`,
  tier: "Quality",
  tierStandard: "Standard",
  tierStandardHint: "720p",
  tierPro: "Pro",
  tierProHint: "1080p",
  estimate: (credits) => `about ${credits} credits (estimate)`,
  estimateUnknown: "cost estimated once the length is known",
  keepAudio: "Keep the original audio",
  images: "Reference images (optional)",
  imagesCount: (count, max) => `${count} of ${max}`,
  imageUrl: "Image URL",
  addImage: "Add image",
  imageAlt: (position) => `Reference image ${position}`,
  removeImage: (position) => `Remove reference image ${position}`,
  uploadVideo: "Upload a video",
  uploadImage: "Upload an image",
  dropHint: "or drop a file here",
  uploadProgress: "Upload progress",
  uploading: (percent) => `Uploading… ${percent} %`,
  cancelUpload: "Cancel upload",
  uploadFailed: (error) => `The upload failed${error instanceof Error && error.message ? `: ${error.message}` : "."}`,
  uploadInvalid: (error) => Object.values(error.fieldErrors ?? {})[0]?.message ?? error.message,
  uploadRefused: (issue) => issue.message,
  pasteLink: "or paste a link",
  clipReading: "Reading the clip…",
  clipPreparing: "Preparing the clip…",
  clipProgress: "Preparation progress",
  cancelPreparation: "Cancel",
  clipTrimHint: (max) => `This clip is longer than ${max} s: choose the part to keep.`,
  usePart: "Use this part",
  clipChanges: (changes, { width, height, fps }, done) => {
    const words = changes.map((change) => CHANGES[change](width, height, fps, done));
    if (!words.length) return done ? "The clip fits as it is." : "";
    const said = words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}` : words[0];
    return done ? `Prepared: ${said}.` : `Before the upload it will be ${said}.`;
  },
  clipRefused: (issue) => issue.message,
  clipUnsupported: ({ videoCodec }) =>
    `This browser cannot convert ${CODECS[videoCodec] ?? videoCodec.toUpperCase()} video. Export the clip as an H.264 MP4 and pick it again, or open the page in another browser (Safari, or Chrome or Edge on Windows or macOS).`,
  clipFailed: (error) =>
    isKlingError(error) && error.code === "clip_unsupported"
      ? error.message
      : `The clip could not be prepared${error instanceof Error && error.message ? `: ${error.message}` : "."}`,
  noAudio: "This clip has no sound.",
  submit: "Start edit",
  submitting: "Submitting…",
  fieldIssue: (issue) => issue.message,
  // Field errors are told at their fields: the form level only says that there are some.
  formError: (error) => (error.fieldErrors ? KLING_ERROR_MESSAGES.invalid_input : error.message),
};

/** A tier's name and what it means (resolution), from the form's labels. */
export function tierLabel(
  tier: KlingTier,
  labels: Pick<VideoEditFormLabels, "tierStandard" | "tierStandardHint" | "tierPro" | "tierProHint">,
): [string, string] {
  return tier === "standard" ? [labels.tierStandard, labels.tierStandardHint] : [labels.tierPro, labels.tierProHint];
}
