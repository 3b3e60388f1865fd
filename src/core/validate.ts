import { DEFAULT_LIMITS, TIERS, type KlingLimits } from "./limits";
import type { EditField, KlingTier, NormalizedEditInput } from "./types";

/** Why a field was refused; stable, so apps can translate by code. */
export type FieldIssueCode =
  | "required"
  | "invalid_type"
  | "too_long"
  | "invalid_url"
  | "out_of_range"
  | "invalid_option"
  | "duplicate"
  | "too_many";

export interface FieldIssue {
  code: FieldIssueCode;
  /** A default English message, specific to the value that was refused. */
  message: string;
}

export type FieldErrors = Partial<Record<EditField, FieldIssue>>;

export type ValidationResult = { ok: true; value: NormalizedEditInput } | { ok: false; errors: FieldErrors };

const MAX_URL_LENGTH = 2048;

// Anything a person can see: not a control, format, private-use or unassigned code point, not
// a separator, not one of Unicode's default-ignorable (invisible) characters.
const PRINTABLE = /[^\p{C}\p{Z}\p{Default_Ignorable_Code_Point}\s]/u;

/** True for an absolute http(s) URL without embedded credentials. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH) return false;
  try {
    const url = new URL(value);
    return (
      (url.protocol === "https:" || url.protocol === "http:") &&
      url.hostname !== "" &&
      url.username === "" &&
      url.password === ""
    );
  } catch {
    return false;
  }
}

/**
 * The one validation rule set: the form shows it, the hook runs it before any request and the
 * proxy runs it before anything goes upstream. Returns the normalised input (defaults applied,
 * prompt trimmed, unknown fields dropped) or an issue per refused field.
 */
export function validateEditInput(input: unknown, limits: Partial<KlingLimits> = {}): ValidationResult {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  const { maxPromptLength, maxReferenceImages } = resolved;
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const fail = (field: EditField, code: FieldIssueCode, message: string) => {
    errors[field] ??= { code, message };
  };

  const prompt = typeof raw.prompt === "string" ? raw.prompt.trim() : "";
  if (raw.prompt != null && typeof raw.prompt !== "string") {
    fail("prompt", "invalid_type", "The prompt must be text.");
  } else if (!prompt) {
    fail("prompt", "required", "Describe the change you want to make.");
  } else if (!PRINTABLE.test(prompt)) {
    fail("prompt", "required", "The prompt has no visible text: describe the change you want to make.");
  } else if (prompt.length > maxPromptLength) {
    fail("prompt", "too_long", `The prompt has ${prompt.length} characters; the limit is ${maxPromptLength}.`);
  }

  if (raw.video_url == null || raw.video_url === "") {
    fail("video_url", "required", "Give the URL of the source video.");
  } else if (!isHttpUrl(raw.video_url)) {
    fail("video_url", "invalid_url", "The video URL must be an absolute http(s) URL.");
  }

  const duration = raw.video_duration;
  if (duration == null || duration === "") {
    fail("video_duration", "required", "Give the video's length in seconds.");
  } else if (typeof duration !== "number" || !Number.isFinite(duration)) {
    fail("video_duration", "invalid_type", "The duration must be a number of seconds.");
  } else {
    const length = durationIssue(duration, resolved);
    if (length) fail("video_duration", "out_of_range", length.message);
  }

  const tier = raw.tier ?? "pro";
  if (!TIERS.includes(tier as KlingTier)) {
    fail("tier", "invalid_option", `The tier must be one of: ${TIERS.join(", ")}.`);
  }

  const keepAudio = raw.keep_audio ?? true;
  if (typeof keepAudio !== "boolean") {
    fail("keep_audio", "invalid_type", "Keep audio must be true or false.");
  }

  const images = raw.image_urls;
  if (images != null) {
    if (!Array.isArray(images)) {
      fail("image_urls", "invalid_type", "Reference images must be a list of URLs.");
    } else if (images.length > maxReferenceImages) {
      fail(
        "image_urls",
        "too_many",
        `At most ${maxReferenceImages} reference images are accepted (${images.length} given).`,
      );
    } else {
      images.forEach((url, i) => {
        if (!isHttpUrl(url)) {
          fail("image_urls", "invalid_url", `Reference image ${i + 1} is not an absolute http(s) URL.`);
        } else if (images.indexOf(url) !== i) {
          fail("image_urls", "duplicate", `Reference image ${i + 1} is listed twice.`);
        }
      });
    }
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  const value: NormalizedEditInput = {
    prompt,
    video_url: raw.video_url as string,
    video_duration: duration as number,
    tier: tier as KlingTier,
    keep_audio: keepAudio as boolean,
  };
  if (Array.isArray(images) && images.length) value.image_urls = [...(images as string[])];
  return { ok: true, value };
}

/**
 * The length rule and its words, shared by `validateEditInput` (`video_duration`), `checkClip`
 * (whose `too_short`/`too_long` these codes are) and so the uploader: a refusal says which side
 * of the range the length is on, for limits already resolved. Undefined when accepted.
 */
export function durationIssue(
  seconds: number,
  { minDurationSeconds: min, maxDurationSeconds: max }: Pick<KlingLimits, "minDurationSeconds" | "maxDurationSeconds">,
): { code: "too_short" | "too_long"; message: string } | undefined {
  const side = seconds < min ? "short" : seconds > max ? "long" : "";
  return side
    ? { code: `too_${side}`, message: `This video is too ${side}: ${seconds} s; the model takes ${min} to ${max} s.` }
    : undefined;
}

/** A length read from a video, as the form shows and submits it: to a tenth of a second. */
export const roundDuration = (seconds: number) => Math.round(seconds * 10) / 10;

/**
 * The clip-length rule alone, as `validateEditInput` checks `video_duration` (it is that very
 * check, so the form, the proxy and the uploader cannot disagree): the uploader runs it on the
 * length it reads from a local file before sending a byte. Undefined when the length is accepted.
 */
export function checkVideoDuration(seconds: number, limits: Partial<KlingLimits> = {}): FieldIssue | undefined {
  const checked = validateEditInput({ video_duration: seconds }, limits);
  return checked.ok ? undefined : checked.errors.video_duration;
}
