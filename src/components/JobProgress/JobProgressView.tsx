import { forwardRef, type CSSProperties } from "react";
import { KLING_ERROR_MESSAGES, type KlingError, type KlingErrorCode } from "../../core/errors";
import { outputVideoUrl, type KlingEditStatus, type KlingJob } from "../../core/types";
import { cx } from "../shared";
import { mergeProgressLabels, type JobProgressLabelOverrides, type JobProgressLabels } from "./labels";
import { useTicker } from "./useTicker";

/** Kling O3 edits take about three minutes (published by the model's hosts). */
export const DEFAULT_ESTIMATED_DURATION_MS = 180_000;
/** A finished video's link counts as about to expire this long before `expiresAt`. */
export const DEFAULT_EXPIRY_WARNING_MS = 60 * 60_000;

export interface JobProgressCommonProps {
  /** When the job was submitted (ms since epoch); elapsed time counts from here. */
  submittedAt?: number;
  /** Called by "Try again", shown where trying again can help. */
  onRetry?: () => void;
  /** Called by "Start over", shown once the edit has failed or expired. */
  onReset?: () => void;
  /**
   * Called by "Check again", shown when watching stopped at its deadline (code `timeout`): the
   * job may still finish, and checking costs nothing (pass `useKlingEdit().rewatch`).
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
  className?: string;
  style?: CSSProperties;
}

export interface JobProgressViewProps extends JobProgressCommonProps {
  status: KlingEditStatus;
  job?: KlingJob;
  error?: KlingError | null;
  /** A status request failed and another is scheduled. */
  isRetrying?: boolean;
  isOffline?: boolean;
  /** The edited video; read from `job` when not given. */
  videoUrl?: string;
}

const RUNNING: readonly KlingEditStatus[] = ["submitting", "pending", "processing"];
/** Asking again cannot help with these: the account, the input or the result itself is the problem. */
const NOT_RETRYABLE: readonly KlingErrorCode[] = ["insufficient_credits", "unauthorized", "forbidden", "invalid_input", "expired"];

/** The message for an error: specific to its code, and to whether it is being retried. */
export function progressErrorMessage(error: KlingError, isRetrying: boolean, labels: JobProgressLabels): string {
  if (isRetrying) {
    if (error.code === "rate_limited") {
      return labels.rateLimitedRetrying(error.retryAfterMs === undefined ? undefined : Math.ceil(error.retryAfterMs / 1000));
    }
    if (error.code === "network_error") return labels.networkRetrying;
    return labels.retrying(labels.errors[error.code]);
  }
  if (error.code === "job_failed") {
    return labels.jobFailed(error.message === KLING_ERROR_MESSAGES.job_failed ? undefined : error.message);
  }
  return labels.errors[error.code];
}

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/** Where a job stands, from plain props: no provider needed. */
export const JobProgressView = /* @__PURE__ */ forwardRef<HTMLDivElement, JobProgressViewProps>(function JobProgressView(props, ref) {
  const { status, job, error, isRetrying = false, isOffline = false, submittedAt, onRetry, onReset, onRewatch } = props;
  const labels = mergeProgressLabels(props.labels);
  const estimatedMs = props.estimatedDurationMs === undefined ? DEFAULT_ESTIMATED_DURATION_MS : props.estimatedDurationMs;
  const running = RUNNING.includes(status);
  const videoUrl = props.videoUrl ?? outputVideoUrl(job);
  const expiresAt = job?.expiresAt ? Date.parse(job.expiresAt) : NaN;
  const watchExpiry = status === "completed" && !!videoUrl && !Number.isNaN(expiresAt);

  // Ticks once a second only while the job runs; the expiry check needs a far slower clock.
  const elapsedClock = useTicker(running ? 1_000 : null);
  const expiryClock = useTicker(watchExpiry ? 30_000 : null);
  const since = submittedAt ?? elapsedClock.first;
  const elapsedMs = elapsedClock.now !== undefined && since !== undefined ? Math.max(0, elapsedClock.now - since) : undefined;

  const estimating = running && status !== "submitting" && estimatedMs !== null && estimatedMs > 0 && elapsedMs !== undefined;
  const overEstimate = estimating && elapsedMs >= estimatedMs;
  // Never claims to be done: an estimate stops at 95 % until the job says it is.
  const percent = estimating && !overEstimate ? Math.min(95, Math.floor((elapsedMs / estimatedMs) * 100)) : undefined;
  const estimateText =
    percent !== undefined ? labels.estimate(percent, estimatedMs!) : overEstimate ? labels.overEstimate(estimatedMs!) : labels.noEstimate;

  const message = error ? progressErrorMessage(error, isRetrying && running, labels) : undefined;
  const ended = status === "failed" || status === "expired";
  const canRetry = ended && !!onRetry && !(error && NOT_RETRYABLE.includes(error.code)) && status !== "expired";
  const canRewatch = status === "expired" && error?.code === "timeout" && !!onRewatch;
  const remainingMs = watchExpiry && expiryClock.now !== undefined ? expiresAt - expiryClock.now : undefined;
  const urgent = remainingMs !== undefined && remainingMs <= (props.expiryWarningMs ?? DEFAULT_EXPIRY_WARNING_MS);

  return (
    <div
      ref={ref}
      className={cx("kling-root kling-progress", props.className)}
      style={props.style}
      data-status={status}
      data-retrying={(isRetrying && running) || undefined}
      role="group"
      aria-label={labels.title}
    >
      {/* Only what changes with the status lives here, so the ticking clock is never announced. */}
      <div className="kling-progress__announce" role="status" aria-live="polite">
        <p className="kling-progress__status">{labels.status[status]}</p>
        {message && (
          <p className="kling-progress__error" data-code={error!.code}>
            {message}
          </p>
        )}
        {isOffline && running && <p className="kling-progress__hint">{labels.offline}</p>}
      </div>

      {running && (
        <div className="kling-progress__meter">
          <div
            className="kling-progress__bar"
            role="progressbar"
            aria-label={labels.progress}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={estimateText}
            data-indeterminate={percent === undefined || undefined}
          >
            <div className="kling-progress__fill" style={percent === undefined ? undefined : { inlineSize: `${percent}%` }} />
          </div>
          <p className="kling-progress__hint kling-progress__estimate">{estimateText}</p>
        </div>
      )}

      {(elapsedMs !== undefined || job?.creditCost !== undefined || job?.creditsRemaining !== undefined) && (
        <ul className="kling-progress__facts">
          {elapsedMs !== undefined && (
            <li className="kling-progress__elapsed">{labels.elapsed(labels.formatElapsed(elapsedMs))}</li>
          )}
          {job?.creditCost !== undefined && <li>{labels.creditsCharged(job.creditCost)}</li>}
          {job?.creditsRemaining !== undefined && <li>{labels.creditsRemaining(job.creditsRemaining)}</li>}
        </ul>
      )}

      {status === "completed" && videoUrl && (
        <p className="kling-progress__expiry" data-urgent={urgent || undefined}>
          {!Number.isNaN(expiresAt) && <span>{labels.expiry(remainingMs, urgent)} </span>}
          <a className="kling-progress__download" href={videoUrl} download target="_blank" rel="noopener noreferrer">
            {labels.download}
          </a>
        </p>
      )}

      {ended && (canRetry || canRewatch || onReset) && (
        <div className="kling-progress__actions">
          {canRewatch && (
            <button type="button" className="kling-button kling-button--primary" onClick={onRewatch}>
              {labels.checkAgain}
            </button>
          )}
          {canRetry && (
            <button type="button" className="kling-button kling-button--primary" onClick={onRetry}>
              {labels.retry}
            </button>
          )}
          {onReset && (
            <button type="button" className="kling-button" onClick={onReset}>
              {labels.reset}
            </button>
          )}
        </div>
      )}
    </div>
  );
});
