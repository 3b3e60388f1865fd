import { DEFAULT_LIMITS, type KlingLimits } from "../limits";
import { durationIssue, roundDuration } from "../validate";

/** Clockwise rotation a player applies to the stored frames, degrees. */
export type ClipRotation = 0 | 90 | 180 | 270;

/** What a clip's container says of it (`inspectClip` reads it without decoding the video). */
export interface ClipInfo {
  /** Length, seconds (the longest track's end). */
  durationSeconds: number;
  /** Width as displayed, rotation applied, pixels. */
  width: number;
  /** Height as displayed, rotation applied, pixels. */
  height: number;
  /** Average frame rate of the video track, frames per second; 0 when it cannot be known. */
  fps: number;
  /** The video codec: "avc" (H.264), "hevc", "vp8", "vp9", "av1", …, or "unknown". */
  videoCodec: string;
  /** The audio codec ("aac", "opus", "mp3", …), or null for a clip without sound. */
  audioCodec: string | null;
  /** The container: "mp4", "mov", "webm", "mkv", "ogg", …, or "unknown". */
  container: string;
  /** File size, bytes. */
  bytes: number;
  /** Rotation the container asks a player to apply (already applied to `width` and `height`). */
  rotation: ClipRotation;
}

/** The rule a clip breaks; stable, so apps can translate by code. */
export type ClipIssueCode =
  "too_short" | "too_long" | "too_small" | "too_large" | "fps" | "file_size" | "container" | "codec";

export interface ClipIssue {
  code: ClipIssueCode;
  /** A default English message, specific to the clip, saying what the person can do. */
  message: string;
  /**
   * `prepareClip` can fix it (trim, scale, change the frame rate, convert), provided the browser
   * can read the clip (`canPrepareClip`). False for a clip shorter than the limit, and for a shape
   * so narrow that no size keeps both sides in range.
   */
  fixable: boolean;
}

/**
 * - "fits": the model takes the clip as it is (upload it untouched);
 * - "fixable": every issue is one `prepareClip` fixes, where the browser can read the clip;
 * - "refused": an issue no preparation fixes (too short, or a shape no size fits).
 */
export type ClipVerdict = "fits" | "fixable" | "refused";

/** A frame rate within this fraction of a bound counts as on it: containers round, and phones vary by a hair. */
const FPS_TOLERANCE = 0.01;

const CODEC_NAMES: Record<string, string> = {
  avc: "H.264",
  hevc: "HEVC (H.265)",
  vp8: "VP8",
  vp9: "VP9",
  av1: "AV1",
};
const CONTAINER_NAMES: Record<string, string> = { mp4: "MP4", mov: "MOV", webm: "WebM", mkv: "MKV", ogg: "Ogg" };

/** A codec as people know it ("H.264" for "avc"). */
export const codecName = (codec: string) => CODEC_NAMES[codec] ?? codec.toUpperCase();
const containerName = (container: string) => CONTAINER_NAMES[container] ?? container.toUpperCase();
const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);

const resolve = (limits: Partial<KlingLimits>): KlingLimits => ({ ...DEFAULT_LIMITS, ...limits });

/**
 * The displayed size `prepareClip` writes for a clip of `width`×`height`: the same when each side
 * is in range (never upscaled when it fits), otherwise scaled keeping the aspect until both sides
 * are in range (up for a small clip, down for a large one), in even pixels as H.264 wants.
 * Undefined when no size keeps the aspect with both sides in range (narrower than max:min).
 */
export function fitClipSize(
  width: number,
  height: number,
  limits: Partial<KlingLimits> = {},
): { width: number; height: number } | undefined {
  const { minVideoSide: min, maxVideoSide: max } = resolve(limits);
  if (!(width > 0 && height > 0)) return undefined;
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  if (short >= min && long <= max) return { width, height };
  const scale = long > max ? max / long : min / short;
  if (short * scale < min - 1 || long * scale > max + 1) return undefined;
  const clamp = (side: number) => Math.min(max - (max % 2), Math.max(min + (min % 2), even(side * scale)));
  return { width: clamp(width), height: clamp(height) };
}

/**
 * The frame rate `prepareClip` writes for a clip at `fps`: the same within range; above it, the
 * rate that keeps every n-th frame (90 -> 45, 120 -> 60), so frames stay evenly spaced; below it,
 * the minimum (frames repeated). Unknown (0) stays as it is.
 */
export function fitClipFps(fps: number, limits: Partial<KlingLimits> = {}): number {
  const { minVideoFps: min, maxVideoFps: max } = resolve(limits);
  if (!(fps > 0)) return fps;
  if (fps > max * (1 + FPS_TOLERANCE)) {
    const kept = fps / Math.ceil(fps / max - FPS_TOLERANCE);
    return kept >= min && kept <= max * (1 + FPS_TOLERANCE) ? Math.round(kept * 1000) / 1000 : max;
  }
  return fps < min * (1 - FPS_TOLERANCE) ? min : fps;
}

/**
 * The part of a clip `prepareClip` keeps when given no `start`/`end`: from the start, at most
 * the longest accepted length (a 30 s clip -> its first 10 s).
 */
export function defaultClipWindow(info: Pick<ClipInfo, "durationSeconds">, limits: Partial<KlingLimits> = {}) {
  const { maxDurationSeconds } = resolve(limits);
  return { start: 0, end: Math.min(info.durationSeconds, maxDurationSeconds) };
}

/**
 * The one rule for clips, beside `validateEditInput` (whose duration rule it shares): one issue
 * per broken rule of the limits (the published ones by default), each with a message that says
 * what the person can do. Pure: works on what `inspectClip` read, or on figures from anywhere.
 */
export function checkClip(info: ClipInfo, limits: Partial<KlingLimits> = {}): ClipIssue[] {
  const max = resolve(limits);
  const issues: ClipIssue[] = [];
  const add = (code: ClipIssueCode, message: string, fixable = true) => issues.push({ code, message, fixable });

  // The words of the length rule are validateEditInput's; this adds what the person can do.
  const length = durationIssue(roundDuration(info.durationSeconds), max);
  if (length?.code === "too_short")
    add("too_short", `${length.message} Choose a clip of at least ${max.minDurationSeconds} s.`, false);
  if (length?.code === "too_long") add("too_long", `${length.message} Choose up to ${max.maxDurationSeconds} s of it.`);

  const { width, height } = info;
  const sides = `each side must be ${max.minVideoSide}–${max.maxVideoSide} px`;
  const fit = fitClipSize(width, height, limits);
  const scaled = fit
    ? `It can be scaled to ${fit.width}×${fit.height}.`
    : "No size keeps its shape with both sides in range: crop it to a less narrow shape.";
  if (Math.min(width, height) < max.minVideoSide) {
    add("too_small", `The clip is ${width}×${height} px; ${sides}. ${scaled}`, fit !== undefined);
  }
  if (Math.max(width, height) > max.maxVideoSide) {
    add("too_large", `The clip is ${width}×${height} px; ${sides}. ${scaled}`, fit !== undefined);
  }

  const fps = fitClipFps(info.fps, limits);
  if (fps !== info.fps) {
    add(
      "fps",
      `The clip runs at ${Math.round(info.fps * 100) / 100} fps; the model takes ${max.minVideoFps}–${max.maxVideoFps} fps. It can be converted to ${fps} fps.`,
    );
  }

  if (info.bytes > max.maxVideoBytes) {
    add(
      "file_size",
      `The file is ${megabytes(info.bytes)}; the limit is ${megabytes(max.maxVideoBytes)}. A shorter part of it, or a smaller copy, fits.`,
    );
  }

  if (!max.videoContainers.includes(info.container)) {
    const taken = list(max.videoContainers.map(containerName));
    add(
      "container",
      `The clip's format is ${containerName(info.container)}; the model takes ${taken}. It can be rewritten as MP4.`,
    );
  }

  if (!max.videoCodecs.includes(info.videoCodec)) {
    const taken = list(max.videoCodecs.map(codecName));
    add(
      "codec",
      `The clip's video is ${codecName(info.videoCodec)}; the model takes ${taken}. It can be converted where this browser can read ${codecName(info.videoCodec)}.`,
      info.videoCodec !== "unknown",
    );
  }
  return issues;
}

/** Whether the model takes the clip as it is, after `prepareClip`, or not at all (see `ClipVerdict`). */
export function clipVerdict(info: ClipInfo, limits: Partial<KlingLimits> = {}): ClipVerdict {
  const issues = checkClip(info, limits);
  if (!issues.length) return "fits";
  return issues.every((issue) => issue.fixable) ? "fixable" : "refused";
}
