import { forwardRef, type CSSProperties } from "react";
import { canResubmit, canRewatch, KLING_ERROR_MESSAGES, type KlingError } from "../../core/errors";
import { isRunning, outputVideoUrl, type KlingEditStatus, type KlingJob } from "../../core/types";
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

const PRIMARY = "kling-button--primary";

/** The message for an error: specific to its code, and to whether it is being retried. */
export function progressErrorMessage({ code, message, retryAfterMs }: KlingError, isRetrying: boolean, labels: JobProgressLabels): string {
  return isRetrying
    ? code === "rate_limited" && retryAfterMs !== undefined
      ? labels.rateLimitedRetrying(Math.ceil(retryAfterMs / 1000))
      : labels.retrying(labels.errors[code])
    : code === "job_failed" && message !== KLING_ERROR_MESSAGES.job_failed
      ? labels.jobFailed(message)
      : labels.errors[code];
}

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/** Where a job stands, from plain props: no provider needed. */
export const JobProgressView = /* @__PURE__ */ forwardRef<HTMLDivElement, JobProgressViewProps>(function JobProgressView(props, ref) {
  const { status, job, error, isRetrying, isOffline, submittedAt, onRetry, onReset, onRewatch, estimatedDurationMs: estimatedMs = DEFAULT_ESTIMATED_DURATION_MS } = props;
  const labels = mergeProgressLabels(props.labels);
  const running = isRunning(status);
  const retrying = isRetrying && running;
  const videoUrl = props.videoUrl ?? outputVideoUrl(job);
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
  const estimateText = percent !== undefined ? labels.estimate(percent, estimatedMs!) : overEstimate ? labels.overEstimate(estimatedMs!) : labels.noEstimate;

  const remainingMs = watchExpiry && expiryClock.now ? expiresAt - expiryClock.now : undefined;
  const urgent = remainingMs! <= (props.expiryWarningMs ?? DEFAULT_EXPIRY_WARNING_MS);
  const facts = [
    elapsedMs !== undefined && labels.elapsed(labels.formatElapsed(elapsedMs)),
    job?.creditCost !== undefined && labels.creditsCharged(job.creditCost),
    job?.creditsRemaining !== undefined && labels.creditsRemaining(job.creditsRemaining),
  ];
  const actions = (
    [
      // The job was accepted: looking again is free, a new submit would be charged again.
      [labels.checkAgain, !running && !!error && canRewatch(error) && onRewatch, PRIMARY],
      // The core's rule: never for a submit that may have been charged, nor for an accepted job.
      [labels.retry, status === "failed" && !!error && canResubmit(error) && onRetry, PRIMARY],
      [labels.reset, (status === "failed" || status === "expired") && onReset],
    ] as const
  ).filter(([, action]) => action);

  return (
    <div
      ref={ref}
      className={cx("kling-root kling-progress", props.className)}
      style={props.style}
      data-status={status}
      data-retrying={retrying || undefined}
      role="group"
      aria-label={labels.title}
    >
      {/* Only what changes with the status lives here, so the ticking clock is never announced. */}
      <div className="kling-progress__announce" role="status" aria-live="polite">
        <p className="kling-progress__status">{labels.status[status]}</p>
        {error && (
          <p className="kling-progress__error" data-code={error.code}>
            {progressErrorMessage(error, !!retrying, labels)}
          </p>
        )}
        {error?.maybeCharged && <p className="kling-progress__hint">{labels.maybeCharged}</p>}
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
            <div className="kling-progress__fill" style={{ inlineSize: percent && `${percent}%` }} />
          </div>
          <p className="kling-progress__hint kling-progress__estimate">{estimateText}</p>
        </div>
      )}

      {facts.some(Boolean) && (
        <ul className="kling-progress__facts">
          {facts.map((fact, i) => fact && <li key={i} className={i ? undefined : "kling-progress__elapsed"}>{fact}</li>)}
        </ul>
      )}

      {status === "completed" && videoUrl && (
        <p className="kling-progress__expiry" data-urgent={urgent || undefined}>
          {expiresAt >= 0 && <span>{labels.expiry(remainingMs, urgent)} </span>}
          <a className="kling-progress__download" href={videoUrl} download target="_blank" rel="noopener noreferrer">
            {labels.download}
          </a>
        </p>
      )}

      {actions.length > 0 && (
        <div className="kling-progress__actions">
          {actions.map(([text, action, primary], i) => (
            <button key={i} type="button" className={cx("kling-button", primary)} onClick={action || undefined}>
              {text}
            </button>
          ))}
        </div>
      )}
    </div>
  );
});
