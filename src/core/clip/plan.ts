import { EncodedPacketSink, type InputVideoTrack } from "mediabunny";
import { KlingError } from "../errors";
import { DEFAULT_LIMITS, type KlingLimits } from "../limits";
import { roundDuration } from "../validate";
import { checkClip, fitClipFps, fitClipSize, type ClipInfo } from "./check";
import type { PrepareClipOptions } from "./types";

/** What preparing a clip takes: decided before anything is decoded, so `changes` are known exactly. */
export interface ClipPlan {
  start: number;
  end: number;
  /** Nothing to do: the clip fits and is not cut. */
  untouched: boolean;
  trimmed: boolean;
  size: { width: number; height: number };
  scaled: boolean;
  /** The frame rate to write, or undefined to keep the source's. */
  fps: number | undefined;
  /** Decode and encode the video (else its packets are copied). */
  transcode: boolean;
  /** Bits per second for the video, when the size limit needs one; else the toolkit's "high" quality. */
  bitrate: number | undefined;
  /** The byte limit the prepared file must keep. */
  maxBytes: number;
}

// MP4 holds these as they are: a clip in one of them that needs no other change is copied.
const MP4_VIDEO_CODECS = ["avc", "hevc", "vp9", "av1"];
/** Of the size limit, what the video may fill: the rest is the sound, the container, and the encoder's overshoot. */
export const VIDEO_SHARE = 0.85;

const refuse = (message: string) => new KlingError("invalid_input", { message });

/** The part of the clip to keep, checked against the clip and the length limits. */
function chooseWindow(info: ClipInfo, options: PrepareClipOptions, max: KlingLimits, frame: number) {
  const start = options.start ?? 0;
  const end = options.end ?? Math.min(info.durationSeconds, start + max.maxDurationSeconds);
  const clip = roundDuration(info.durationSeconds);
  if (!(start >= 0) || !(end > start) || end > info.durationSeconds + frame) {
    throw refuse(
      `The part to keep (${roundDuration(start)}–${roundDuration(end)} s) must lie within the clip (0–${clip} s).`,
    );
  }
  const length = roundDuration(end - start);
  if (length < max.minDurationSeconds || length > max.maxDurationSeconds) {
    const range = `the model takes ${max.minDurationSeconds}–${max.maxDurationSeconds} s`;
    throw refuse(
      clip < max.minDurationSeconds
        ? `The clip is ${clip} s long; ${range}. Choose a clip of at least ${max.minDurationSeconds} s.`
        : `The part to keep is ${length} s long; ${range}. Choose ${max.minDurationSeconds}–${max.maxDurationSeconds} s of the clip.`,
    );
  }
  return { start, end: Math.min(end, info.durationSeconds) };
}

/**
 * The key frame within half a frame of `start`, if any: a cut there copies packets and is still
 * exact; anywhere else the frames from the cut to the next key frame can only be made by
 * re-encoding.
 */
async function keyFrameAt(video: InputVideoTrack, start: number, frame: number): Promise<number | undefined> {
  const sink = new EncodedPacketSink(video);
  const options = { verifyKeyPackets: true } as const;
  const before = (await sink.getKeyPacket(start, options)) ?? (await sink.getFirstKeyPacket(options));
  if (!before) return undefined;
  if (Math.abs(before.timestamp - start) <= frame / 2) return before.timestamp;
  const after = before.timestamp < start ? await sink.getNextKeyPacket(before, options) : null;
  return after && after.timestamp - start <= frame / 2 ? after.timestamp : undefined;
}

export async function planClip(info: ClipInfo, video: InputVideoTrack, options: PrepareClipOptions): Promise<ClipPlan> {
  const limits = options.limits ?? {};
  const max: KlingLimits = { ...DEFAULT_LIMITS, ...limits };
  const frame = 1 / (info.fps > 0 ? info.fps : 30);
  const window = chooseWindow(info, options, max, frame);
  const end = window.end;
  let start = window.start;
  const maxBytes = max.maxVideoBytes;
  const trimmed = start > frame / 2 || end < info.durationSeconds - frame / 2;

  const issues = checkClip(info, limits);
  const size = fitClipSize(info.width, info.height, limits);
  if (!size)
    throw refuse(
      issues.find((issue) => !issue.fixable)?.message ?? "No size keeps this clip's shape within the limits.",
    );
  const fixed = { start, end, size, maxBytes, scaled: false, fps: undefined, transcode: false, bitrate: undefined };
  if (!trimmed && !issues.length) return { ...fixed, untouched: true, trimmed };

  const scaled = size.width !== info.width || size.height !== info.height;
  const fps = fitClipFps(info.fps, limits);
  // A copy's size follows the part kept; one still over the limit is re-encoded at a bitrate that fits.
  const copiedBytes = (info.bytes * (end - start)) / info.durationSeconds;
  const bitrate =
    copiedBytes > max.maxVideoBytes * VIDEO_SHARE
      ? Math.floor((max.maxVideoBytes * VIDEO_SHARE * 8) / (end - start))
      : undefined;
  let transcode =
    scaled ||
    fps !== info.fps ||
    bitrate !== undefined ||
    !max.videoCodecs.includes(info.videoCodec) ||
    !MP4_VIDEO_CODECS.includes(info.videoCodec);
  if (!transcode) {
    const key = await keyFrameAt(video, start, frame);
    if (key === undefined) transcode = true;
    // Cut at the key frame itself: the toolkit then copies from it rather than from the one before.
    else start = Math.max(0, key);
  }
  return {
    start,
    end,
    maxBytes,
    untouched: false,
    trimmed,
    size,
    scaled,
    fps: fps !== info.fps ? fps : undefined,
    transcode,
    bitrate,
  };
}
