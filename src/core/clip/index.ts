import type { KlingLimits } from "../limits";
import type { ClipInfo } from "./check";
import type { PrepareClipOptions, PreparedClip } from "./types";

export type { ClipAudio, ClipChange, PrepareClipOptions, PreparedClip } from "./types";

// Thin doors to the media engine: each imports its part (and the media toolkit with it) on first
// use, so the toolkit is in chunks of its own that an app fetches only when a clip is inspected
// or prepared. Two doors, not one: reading a clip takes the demuxers only (a third of the
// toolkit), so a clip that fits never fetches the encoding part. Nothing here may import
// ./inspect, ./support or ./prepare statically.

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
