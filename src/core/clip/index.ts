import type { KlingLimits } from "../limits";
import type { ClipInfo } from "./check";

// Thin doors to the media engine: each imports its part (and the media toolkit with it) on first
// use, so the toolkit is in chunks of its own that an app fetches only when a clip is inspected
// or prepared. Two doors, not one: reading a clip takes the demuxers only (a third of the
// toolkit), so a clip that fits never fetches the encoding part. Nothing here may import
// ./inspect, ./support or ./prepare statically.

/** What `prepareClip` did to the clip; empty when the clip fitted and was returned untouched. */
export type ClipChange =
  /** Cut to `[start, end)`. */
  | "trimmed"
  /** Resized, keeping the aspect, so that each side is in range. */
  | "scaled"
  /** Brought to a frame rate in range. */
  | "fps"
  /** The video re-encoded as H.264 (another codec, a cut off a key frame, a scale or a frame rate). */
  | "transcoded"
  /** Packets copied as they are into an MP4 from another container (a .mov, say). */
  | "remuxed";

/**
 * What became of the sound:
 * - "copied": the source's packets, as they were (AAC stays AAC);
 * - "aac": re-encoded as AAC;
 * - "opus": re-encoded as Opus, because this browser encodes no AAC (Chromium on Linux, Firefox);
 *   whether the model takes Opus in MP4 is not documented;
 * - "dropped": left out (`keepAudio: false`, or no codec this browser can write carries it);
 * - "none": the source has no sound.
 */
export type ClipAudio = "copied" | "aac" | "opus" | "dropped" | "none";

export interface PrepareClipOptions {
  /** Where the kept part starts, seconds. Default 0. */
  start?: number;
  /** Where the kept part ends (excluded), seconds. Default `start` + the longest accepted length, or the clip's end. */
  end?: number;
  /** The limits to conform to; the published ones by default. */
  limits?: Partial<KlingLimits>;
  /** Keep the sound (the edit's `keep_audio`). Default true. */
  keepAudio?: boolean;
  /** Stops the preparation: the promise rejects with the signal's reason and nothing is kept. */
  signal?: AbortSignal;
  /** Fraction done, 0..1. */
  onProgress?: (fraction: number) => void;
}

export interface PreparedClip {
  /** A `video/mp4` (or the original file itself when nothing had to change). */
  file: File;
  /** The prepared file, inspected. */
  info: ClipInfo;
  /** What was done, in this order; `[]` when the clip was returned untouched. */
  changes: ClipChange[];
  audio: ClipAudio;
}

/**
 * Reads a clip's duration, displayed size (rotation applied), frame rate, codecs, container
 * and size from its container, without decoding the video. Rejects with a `KlingError`
 * `clip_unsupported` for a file that is no video this library can read.
 */
export async function inspectClip(file: Blob): Promise<ClipInfo> {
  return (await import("./inspect")).inspectClip(file);
}

/**
 * Whether this browser can prepare the clip: decode its video (WebCodecs `isConfigSupported`)
 * and encode H.264. False without WebCodecs, and for HEVC where the browser has no decoder for
 * it (Chromium on Linux, Firefox). `limits` decide the size the encoder is asked about.
 */
export async function canPrepareClip(info: ClipInfo, limits?: Partial<KlingLimits>): Promise<boolean> {
  return (await import("./support")).canPrepareClip(info, limits);
}

/**
 * Cuts `[start, end)` of a clip and conforms it to the limits: scaled into range keeping the
 * aspect, the frame rate brought into range, written as an H.264 `video/mp4`, copying packets
 * without re-encoding wherever the cut and the format allow. A clip that already fits (and is
 * not cut) is returned as it is, the same file. Rejects with `clip_unsupported` where the
 * browser cannot decode the source, `invalid_input` for a window outside the clip or the limits,
 * and the signal's reason when aborted.
 */
export async function prepareClip(file: Blob, options: PrepareClipOptions = {}): Promise<PreparedClip> {
  options.signal?.throwIfAborted();
  return (await import("./prepare")).prepareClip(file, options);
}
