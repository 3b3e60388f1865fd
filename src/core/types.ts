/** Quality tier of a Kling O3 edit: `standard` renders 720p, `pro` 1080p. */
export type KlingTier = "standard" | "pro";

/** What the app asks for: the body of `POST /models/kling-video-edit/run`. */
export interface KlingEditInput {
  /** What to change in the video. */
  prompt: string;
  /** Public http(s) URL of the source video. */
  video_url: string;
  /** Length of the source video in seconds (drives the cost). */
  video_duration: number;
  /** Defaults to `"pro"`. */
  tier?: KlingTier;
  /** Keep the source video's audio track. Defaults to `true`. */
  keep_audio?: boolean;
  /** Public http(s) URLs of reference images. */
  image_urls?: string[];
}

/** An input that passed `validateEditInput`: defaults applied, prompt trimmed, no unknown fields. */
export interface NormalizedEditInput {
  prompt: string;
  video_url: string;
  video_duration: number;
  tier: KlingTier;
  keep_audio: boolean;
  image_urls?: string[];
}

export type EditField = keyof KlingEditInput;

/**
 * Statuses documented for PixelDojo jobs. Any other string is possible and is treated as
 * "still running" (bounded by a deadline).
 */
export type KlingJobStatus = "pending" | "processing" | "completed" | "failed" | (string & {});

/** A job as the PixelDojo job API (and so the proxy) reports it. */
export interface KlingJob {
  jobId: string;
  status: KlingJobStatus;
  statusUrl?: string;
  /** Credits this job cost, as reported by the API. */
  creditCost?: number;
  /** Credits left on the account after the submit, as reported by the API. */
  creditsRemaining?: number;
  /** ISO date after which the job and its output URL are gone. */
  expiresAt?: string;
  output?: { video?: string };
  /** Some PixelDojo models report outputs here; read as a fallback. */
  assets?: Array<{ url: string }>;
  /** Reason given by the API for a failed job (a string, or an object with a message). */
  error?: string | { message?: string };
  /**
   * From the submit's answer (`react-kling-edit/server`): a signed, opaque proof that this
   * job is the caller's, with which the proxy restores an ownership record it lost. The
   * library keeps it for you (with the saved job) and sends it as `X-Kling-Claim`.
   */
  claim?: string;
}

/** Status of one edit as the hooks report it. */
export type KlingEditStatus = "idle" | "submitting" | "pending" | "processing" | "completed" | "failed" | "expired";

/** An edit under way: a new submit waits, the progress view ticks. */
export function isRunning(status: KlingEditStatus): boolean {
  return status === "submitting" || status === "pending" || status === "processing";
}

/**
 * Statuses after which a job never changes. Besides the documented `completed` and `failed`,
 * the endings other job APIs report (`canceled`, `error`, `expired`) stop polling too.
 */
export const TERMINAL_JOB_STATUSES: readonly string[] = [
  "completed",
  "failed",
  "canceled",
  "cancelled",
  "error",
  "expired",
];

export function isTerminalStatus(status: string | undefined): boolean {
  return status !== undefined && TERMINAL_JOB_STATUSES.includes(status.toLowerCase());
}

// A URL the page may put in a <video src> or a download link: http(s) or same-origin path,
// never `javascript:`, `data:` or another scheme.
const safeUrl = (url: unknown): url is string =>
  typeof url === "string" && url !== "" && (/^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url));

/** The edited video's URL: `output.video` as documented, else the first asset. */
export function outputVideoUrl(job: KlingJob | undefined): string | undefined {
  const url = [job?.output?.video, job?.assets?.[0]?.url].find(safeUrl);
  return url;
}
