import { clock } from "../shared";
import { KLING_ERROR_MESSAGES, type KlingErrorCode } from "../../core/errors";
import type { KlingEditStatus } from "../../core/types";

/** Every string `JobProgress` shows; replace any of them through `labels`. */
export interface JobProgressLabels {
  /** Accessible name of the whole progress panel. */
  title: string;
  status: Record<KlingEditStatus, string>;
  /** Time since submit, already formatted by `formatElapsed`. */
  elapsed: (formatted: string) => string;
  formatElapsed: (ms: number) => string;
  /** Accessible name of the progress bar. */
  progress: string;
  /** Shown when no honest estimate is possible. */
  noEstimate: string;
  estimate: (percent: number, typicalMs: number) => string;
  overEstimate: (typicalMs: number) => string;
  creditsCharged: (credits: number) => string;
  creditsRemaining: (credits: number) => string;
  /** One message per error code (default: the core's `KLING_ERROR_MESSAGES`, two made more specific). */
  errors: Record<KlingErrorCode, string>;
  /** The job itself failed and the upstream gave its reason (without one: `errors.job_failed`). */
  jobFailed: (reason: string) => string;
  /**
   * The app's spend limit for this user is used up (`quota_exceeded`); `retryAfterMs` says when
   * more is allowed, when the proxy said so.
   */
  quotaExceeded: (retryAfterMs?: number) => string;
  /** Rate limited, and the server said when to ask again (without a wait: `retrying`). */
  rateLimitedRetrying: (seconds: number) => string;
  /** A status request failed and is being retried; `message` is the error's from `errors`. */
  retrying: (message: string) => string;
  offline: string;
  retry: string;
  /** A submit failed without a clear refusal: the job may have started, and been charged. */
  maybeCharged: string;
  reset: string;
  /** Watch a job again after its watch timed out (no new submit). */
  checkAgain: string;
  /** A finished video's temporary URL; `remainingMs` is unknown until the page has a clock. */
  expiry: (remainingMs: number | undefined, urgent: boolean) => string;
  download: string;
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
/** A wait in the largest unit that fits: seconds under a minute, minutes under an hour, else hours. */
const wait = (ms: number) =>
  ms < 60_000
    ? `${Math.max(1, Math.ceil(ms / 1000))} s`
    : ms < 3_600_000
      ? `${minutes(ms)} min`
      : `${Math.ceil(ms / 3_600_000)} h`;

export const DEFAULT_PROGRESS_LABELS: JobProgressLabels = {
  title: "Edit progress",
  status: {
    idle: "Not started.",
    submitting: "Submitting the edit…",
    pending: "Submitted: waiting in the queue…",
    processing: "Processing the video…",
    completed: "The edited video is ready.",
    failed: "The edit did not finish.",
    // Also after a watch timeout, when the job may still finish: the error says which.
    expired: "No result to show.",
  },
  elapsed: (formatted) => `Elapsed: ${formatted}`,
  formatElapsed: (ms) => clock(ms / 1000),
  progress: "Progress",
  noEstimate: "No estimate of the remaining time",
  estimate: (percent, typicalMs) => `About ${percent} % (estimate: edits usually take about ${wait(typicalMs)})`,
  overEstimate: (typicalMs) => `Taking longer than the usual ${wait(typicalMs)}`,
  creditsCharged: (credits) => `Credits charged: ${credits}`,
  creditsRemaining: (credits) => `Credits remaining: ${credits}`,
  // A call marked pure, not a spread: bundlers keep an object spread even where nothing uses it.
  errors: /* @__PURE__ */ Object.assign({}, KLING_ERROR_MESSAGES, {
    insufficient_credits: "No credits left: add credits to your account to run this edit.",
    expired: "The result has expired and is no longer stored.",
  }),
  jobFailed: (reason) => `The edit failed: ${reason}`,
  quotaExceeded: (retryAfterMs) =>
    `You have used up your edits for now${retryAfterMs === undefined ? "" : `; more in ${wait(retryAfterMs)}`}.`,
  rateLimitedRetrying: (seconds) => `Rate limited, retrying in ${seconds} s.`,
  retrying: (message) => `${message} Retrying…`,
  offline: "You are offline: checking again once the connection is back.",
  retry: "Try again",
  maybeCharged:
    "The edit may have started, and been charged, even though no answer came back. Check your account before sending it again.",
  reset: "Start over",
  checkAgain: "Check again",
  expiry: (remainingMs, urgent) =>
    remainingMs! <= 0
      ? "This video link has expired."
      : urgent
        ? `This video link expires in ${minutes(remainingMs!)} min: download the video now to keep it.`
        : `This video link is temporary${remainingMs ? ` (about ${Math.round(remainingMs / 3_600_000)} h left)` : ""}: download the video to keep it.`,
  download: "Download the video",
};

/** Replacements for any label; `status` and `errors` can be replaced one entry at a time. */
export type JobProgressLabelOverrides = Partial<Omit<JobProgressLabels, "status" | "errors">> & {
  status?: Partial<JobProgressLabels["status"]>;
  errors?: Partial<JobProgressLabels["errors"]>;
};

export function mergeProgressLabels(overrides: JobProgressLabelOverrides = {}): JobProgressLabels {
  const { status, errors } = DEFAULT_PROGRESS_LABELS;
  return {
    ...DEFAULT_PROGRESS_LABELS,
    ...overrides,
    status: { ...status, ...overrides.status },
    errors: { ...errors, ...overrides.errors },
  };
}
