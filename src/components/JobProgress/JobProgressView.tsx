import { forwardRef, type HTMLAttributes } from "react";
import { cx } from "../shared";
import { useJobProgress, type JobProgressSource, type UseJobProgressOptions } from "./useJobProgress";

/** The root `<div>`'s native props (`onReset` is the progress panel's own "Start over"). */
type RootProps = Omit<HTMLAttributes<HTMLDivElement>, "onReset">;

export interface JobProgressCommonProps extends UseJobProgressOptions, RootProps {
  /** When the job was submitted (ms since epoch); elapsed time counts from here. */
  submittedAt?: number;
}

export interface JobProgressViewProps
  extends JobProgressCommonProps, Omit<JobProgressSource, "rewatch" | "submittedAt"> {}

const PRIMARY = "kling-button--primary";

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/** Where a job stands, from plain props: no provider needed. Markup over `useJobProgress`. */
export const JobProgressView = /* @__PURE__ */ forwardRef<HTMLDivElement, JobProgressViewProps>(
  function JobProgressView(props, ref) {
    const {
      status,
      job,
      error,
      isRetrying,
      isOffline,
      videoUrl,
      submittedAt,
      onRetry,
      onReset,
      onRewatch,
      estimatedDurationMs,
      expiryWarningMs,
      labels,
      className,
      ...rest
    } = props;
    const progress = useJobProgress(
      { status, job, error, isRetrying, isOffline, videoUrl, submittedAt },
      { onRetry, onReset, onRewatch, estimatedDurationMs, expiryWarningMs, labels },
    );
    const { facts, result } = progress;

    return (
      <div
        ref={ref}
        role="group"
        aria-label={progress.title}
        {...rest}
        className={cx("kling-root kling-progress", className)}
        data-status={status}
        data-retrying={progress.retrying || undefined}
      >
        {/* Only what changes with the status lives here, so the ticking clock is never announced. */}
        <div className="kling-progress__announce" role="status" aria-live="polite">
          <p className="kling-progress__status">{progress.statusText}</p>
          {error && (
            <p className="kling-progress__error" data-code={error.code}>
              {progress.errorText}
            </p>
          )}
          {progress.hints.map((hint) => (
            <p key={hint} className="kling-progress__hint">
              {hint}
            </p>
          ))}
        </div>

        {progress.progress && (
          <div className="kling-progress__meter">
            <div
              className="kling-progress__bar"
              role="progressbar"
              aria-label={progress.labels.progress}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress.progress.percent}
              aria-valuetext={progress.progress.text}
              data-indeterminate={progress.progress.percent === undefined || undefined}
            >
              <div
                className="kling-progress__fill"
                style={{ inlineSize: progress.progress.percent && `${progress.progress.percent}%` }}
              />
            </div>
            <p className="kling-progress__hint kling-progress__estimate">{progress.progress.text}</p>
          </div>
        )}

        {(facts.elapsed || facts.charged || facts.remaining) && (
          <ul className="kling-progress__facts">
            {facts.elapsed && <li className="kling-progress__elapsed">{facts.elapsed}</li>}
            {facts.charged && <li>{facts.charged}</li>}
            {facts.remaining && <li>{facts.remaining}</li>}
          </ul>
        )}

        {result && (
          <p className="kling-progress__expiry" data-urgent={result.urgent || undefined}>
            {result.expiry && <span>{result.expiry} </span>}
            <a
              className="kling-progress__download"
              href={result.videoUrl}
              download
              target="_blank"
              rel="noopener noreferrer"
            >
              {progress.labels.download}
            </a>
          </p>
        )}

        {progress.actions.length > 0 && (
          <div className="kling-progress__actions">
            {progress.actions.map(({ name, label, primary, run }) => (
              <button
                key={name}
                type="button"
                className={cx("kling-button", primary && PRIMARY)}
                data-action={name}
                onClick={run}
              >
                {label}
              </button>
            ))}
          </div>
        )}
      </div>
    );
  },
);
