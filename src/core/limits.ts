import type { KlingEditInput, KlingTier } from "./types";

/**
 * Limits published for Kling O3 video edit. PixelDojo's page does not list them, so they are
 * defaults that an integrator can override everywhere validation runs.
 */
export interface KlingLimits {
  /** Shortest accepted source video, seconds. */
  minDurationSeconds: number;
  /** Longest accepted source video, seconds. */
  maxDurationSeconds: number;
  maxPromptLength: number;
  maxReferenceImages: number;
  /** Largest source video a user may upload, bytes. */
  maxVideoBytes: number;
  /** Largest reference image a user may upload, bytes. */
  maxImageBytes: number;
  /** Shortest accepted side of the source video as displayed (rotation applied), pixels: width and height each. */
  minVideoSide: number;
  /** Longest accepted side of the source video as displayed, pixels: width and height each. */
  maxVideoSide: number;
  /** Lowest accepted frame rate of the source video, frames per second. */
  minVideoFps: number;
  /** Highest accepted frame rate of the source video, frames per second. */
  maxVideoFps: number;
  /** Containers the model takes, as `ClipInfo.container` names them ("mp4", "mov", "webm", "mkv", …). */
  videoContainers: readonly string[];
  /**
   * Video codecs the model takes, as `ClipInfo.videoCodec` names them ("avc" is H.264, "hevc",
   * "vp9", "av1", …). H.264 alone by default: the one codec every browser previews and the model's
   * documentation shows.
   */
  videoCodecs: readonly string[];
}

export const DEFAULT_LIMITS: KlingLimits = {
  minDurationSeconds: 3,
  maxDurationSeconds: 10,
  maxPromptLength: 2500,
  maxReferenceImages: 4,
  maxVideoBytes: 200 * 1024 * 1024,
  maxImageBytes: 10 * 1024 * 1024,
  minVideoSide: 720,
  maxVideoSide: 2160,
  minVideoFps: 24,
  maxVideoFps: 60,
  videoContainers: ["mp4", "mov"],
  videoCodecs: ["avc"],
};

export const TIERS: readonly KlingTier[] = ["standard", "pro"];

/** Credits an edit is expected to cost; the API's reported `creditCost` is the truth. */
export type PricingFunction = (input: Pick<KlingEditInput, "video_duration" | "tier">) => number;

/**
 * Default estimate: PixelDojo bills video models per second of input; its model page lists
 * 40 credits for a 5 s pro edit. Labelled as an estimate wherever it is shown.
 */
export const estimateCredits: PricingFunction = ({ video_duration, tier }) =>
  Math.ceil(Math.max(0, video_duration)) * (tier === "standard" ? 6 : 8);
