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
}

export const DEFAULT_LIMITS: KlingLimits = {
  minDurationSeconds: 3,
  maxDurationSeconds: 10,
  maxPromptLength: 2500,
  maxReferenceImages: 4,
  maxVideoBytes: 100 * 1024 * 1024,
  maxImageBytes: 10 * 1024 * 1024,
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
