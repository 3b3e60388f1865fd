import { canResubmit, canRewatch, KLING_ERROR_MESSAGES, type KlingError } from "../../core/errors";
import { isRunning, outputVideoUrl, type KlingEditStatus, type KlingJob } from "../../core/types";
import { mergeProgressLabels, type JobProgressLabelOverrides, type JobProgressLabels } from "./labels";
import { useTicker } from "./useTicker";

/** Kling O3 edits take about three minutes (published by the model's hosts). */
export const DEFAULT_ESTIMATED_DURATION_MS = 180_000;
/** A finished video's link counts as about to expire this long before `expiresAt`. */
export const DEFAULT_EXPIRY_WARNING_MS = 60 * 60_000;

/**
 * Where a job stands: what `useKlingEdit()` and `useKlingJob(jobId)` return fits as it is, so
 * `useJobProgress(useKlingJob(jobId))` watches a job by id.
 */
export interface JobProgressSource {
  status: KlingEditStatus;
  job?: KlingJob;
  error?: KlingError | null;
  /** A status request failed and another is scheduled. */
  isRetrying?: boolean;
  isOffline?: boolean;
  /** The edited video; read from `job` when not given. */
  videoUrl?: string;
  /** When the job was submitted (ms since epoch); elapsed time counts from here. */
  submittedAt?: number;
  /** Used for "Check again" when `onRewatch` is not given (`useKlingJob` and `useKlingEdit` have it). */
  rewatch?: () => void;
}

export interface UseJobProgressOptions {
  /** Called by "Try again", offered where a new (paid) submit can help: `canResubmit`. */
  onRetry?: () => void;
  /** Called by "Start over", offered once the edit has failed or expired. */
  onReset?: () => void;
  /**
   * Called by "Check again", offered when watching an accepted job stopped and may still bring
   * its result (`canRewatch`): checking costs nothing. Default: the source's `rewatch`.
   */
  onRewatch?: () => void;
  /**
   * Typical time of an edit, for a progress estimate labelled as one; `null` shows an
   * indeterminate bar only. Default 3 minutes.
   */
  estimatedDurationMs?: number | null;
  /** How long before `expiresAt` the download warning becomes urgent. Default 1 hour. */
  expiryWarningMs?: number;
  labels?: JobProgressLabelOverrides;
}

export type JobProgressActionName = "rewatch" | "retry" | "reset";

export interface JobProgressAction {
  name: JobProgressActionName;
  label: string;
  /** The one to press first ("Check again", "Try again"), styled as primary. */
  primary: boolean;
  run: () => void;
}

export interface JobProgressState {
  status: KlingEditStatus;
  /** Submitting or waiting: a progress bar and a ticking clock. */
  running: boolean;
  /** Running, and the last status request failed: another is scheduled. */
  retrying: boolean;
  labels: JobProgressLabels;
  /** The accessible name of a progress panel. */
  title: string;
  /** What the status means, in words. */
  statusText: string;
  /** The error, in words fitting its code and whether it is being retried. */
  errorText?: string;
  /** Hints that go with the status: the submit may have been charged; the browser is offline. */
  hints: string[];
  /** Everything above, in one string: what a polite live region announces (no clock in it). */
  announcement: string;
  /** While running: the estimate (percent, never 100 until done; undefined when indeterminate). */
  progress?: { percent?: number; text: string };
  /** Elapsed time, credits charged and remaining, as sentences (undefined until known). */
  facts: { elapsed?: string; charged?: string; remaining?: string };
  /** The finished video, its temporary link's warning, and whether it is about to expire. */
  result?: { videoUrl: string; expiry?: string; urgent: boolean };
  /** The actions that make sense now, in order. */
  actions: JobProgressAction[];
}

/** The message for an error: specific to its code, and to whether it is being retried. */
export function progressErrorMessage(
  { code, message, retryAfterMs }: KlingError,
  isRetrying: boolean,
  labels: JobProgressLabels,
): string {
  if (isRetrying) {
    return code === "rate_limited" && retryAfterMs !== undefined
      ? labels.rateLimitedRetrying(Math.ceil(retryAfterMs / 1000))
      : labels.retrying(labels.errors[code]);
  }
  if (code === "quota_exceeded") return labels.quotaExceeded(retryAfterMs);
  return code === "job_failed" && message !== KLING_ERROR_MESSAGES.job_failed
    ? labels.jobFailed(message)
    : labels.errors[code];
}

/**
 * Everything `JobProgress` shows, as data, for a progress UI of your own: the status and error
 * in words, the live-region text, the honest estimate, credits, the result's expiry and the
 * actions that fit (decided by the core's `canResubmit` and `canRewatch`). The clock ticks once
 * a second while the job runs; nothing reads it during render, so server and client agree.
 */
export function useJobProgress(source: JobProgressSource, options: UseJobProgressOptions = {}): JobProgressState {
  const { status, job, error, isRetrying, isOffline, submittedAt } = source;
  const {
    onRetry,
    onReset,
    onRewatch = source.rewatch,
    estimatedDurationMs: estimatedMs = DEFAULT_ESTIMATED_DURATION_MS,
  } = options;
  const labels = mergeProgressLabels(options.labels);
  const running = isRunning(status);
  const retrying = !!isRetrying && running;
  const videoUrl = source.videoUrl ?? outputVideoUrl(job);
  const expiresAt = Date.parse(job?.expiresAt ?? "");
  const watchExpiry = status === "completed" && !!videoUrl && expiresAt >= 0;

  // Ticks once a second only while the job runs; the expiry check needs a far slower clock.
  const elapsedClock = useTicker(running ? 1_000 : null);
  const expiryClock = useTicker(watchExpiry ? 30_000 : null);
  const since = submittedAt ?? elapsedClock.first!;
  const elapsedMs = elapsedClock.now && Math.max(0, elapsedClock.now - since);

  const estimating = running && status !== "submitting" && estimatedMs! > 0 && elapsedMs !== undefined;
  const overEstimate = estimating && elapsedMs >= estimatedMs!;
  // Never claims to be done: an estimate stops at 95 % until the job says it is.
  const percent = estimating && !overEstimate ? Math.min(95, Math.floor((elapsedMs / estimatedMs!) * 100)) : undefined;

  const remainingMs = watchExpiry && expiryClock.now ? expiresAt - expiryClock.now : undefined;
  const urgent = remainingMs! <= (options.expiryWarningMs ?? DEFAULT_EXPIRY_WARNING_MS);

  const statusText = labels.status[status];
  const errorText = error ? progressErrorMessage(error, retrying, labels) : undefined;
  const hints = [error?.maybeCharged && labels.maybeCharged, isOffline && running && labels.offline].filter(
    (hint): hint is string => !!hint,
  );

  const offered: Array<[JobProgressActionName, string, boolean, (() => void) | false | undefined]> = [
    // The job was accepted: looking again is free, a new submit would be charged again.
    ["rewatch", labels.checkAgain, true, !running && !!error && canRewatch(error) && onRewatch],
    // The core's rule: never for a submit that may have been charged, nor for an accepted job.
    ["retry", labels.retry, true, status === "failed" && !!error && canResubmit(error) && onRetry],
    ["reset", labels.reset, false, (status === "failed" || status === "expired") && onReset],
  ];

  return {
    status,
    running,
    retrying,
    labels,
    title: labels.title,
    statusText,
    errorText,
    hints,
    announcement: [statusText, errorText, ...hints].filter(Boolean).join(" "),
    progress: running
      ? {
          percent,
          text:
            percent !== undefined
              ? labels.estimate(percent, estimatedMs!)
              : overEstimate
                ? labels.overEstimate(estimatedMs!)
                : labels.noEstimate,
        }
      : undefined,
    facts: {
      elapsed: elapsedMs === undefined ? undefined : labels.elapsed(labels.formatElapsed(elapsedMs)),
      charged: job?.creditCost === undefined ? undefined : labels.creditsCharged(job.creditCost),
      remaining: job?.creditsRemaining === undefined ? undefined : labels.creditsRemaining(job.creditsRemaining),
    },
    result:
      status === "completed" && videoUrl
        ? { videoUrl, expiry: expiresAt >= 0 ? labels.expiry(remainingMs, urgent) : undefined, urgent }
        : undefined,
    actions: offered.flatMap(([name, label, primary, run]) => (run ? [{ name, label, primary, run }] : [])),
  };
}
