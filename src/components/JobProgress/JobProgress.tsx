import { forwardRef, type Ref } from "react";
import { useKlingJob } from "../../hooks/useKlingJob";
import { JobProgressView, type JobProgressCommonProps, type JobProgressViewProps } from "./JobProgressView";

export interface JobProgressWatchProps extends JobProgressCommonProps {
  /** The job to watch through `useKlingJob`: needs a `KlingProvider` above. */
  jobId: string;
  // The watched job supplies these; declared so that the two shapes form one discriminated union.
  status?: never;
  job?: never;
  error?: never;
  isRetrying?: never;
  isOffline?: never;
  videoUrl?: never;
}

/** Either the job's state as plain props, or a `jobId` to watch. */
export type JobProgressProps = (JobProgressViewProps & { jobId?: undefined }) | JobProgressWatchProps;

/** Watches a job and renders its progress; only this mode calls the hook. */
function WatchedJobProgress({ jobId, viewRef, ...rest }: JobProgressWatchProps & { viewRef: Ref<HTMLDivElement> }) {
  const { rewatch, ...watched } = useKlingJob(jobId, { submittedAt: rest.submittedAt });
  return <JobProgressView ref={viewRef} {...rest} {...watched} onRewatch={rest.onRewatch ?? rewatch} />;
}

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/**
 * Where an edit stands: status, elapsed time, an honest progress indication, credits, errors
 * with the action that fits, and the download of a finished video before its link expires.
 */
export const JobProgress = /* @__PURE__ */ forwardRef<HTMLDivElement, JobProgressProps>(
  function JobProgress(props, ref) {
    return props.jobId !== undefined ? (
      <WatchedJobProgress viewRef={ref} {...props} />
    ) : (
      <JobProgressView ref={ref} {...props} />
    );
  },
);
