import type { KlingLimits } from "../limits";
import type { ClipInfo } from "./check";

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
