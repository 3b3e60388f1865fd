import { KlingError } from "./errors";
import { isTerminalStatus, outputVideoUrl, type KlingEditStatus, type KlingJob } from "./types";

export interface JobView {
  status: KlingEditStatus;
  /** The error to show: the last failed request, or why the job itself failed. */
  error?: KlingError;
  videoUrl?: string;
}

/**
 * The single rule that turns what the API said (the last job seen, the last request error)
 * into what the user sees. Unknown statuses count as processing.
 */
export function describeJob(job: KlingJob | undefined, requestError?: KlingError | null): JobView {
  const error = requestError ?? undefined;
  if (error?.code === "expired" || (error?.code === "timeout" && !error.isTransient)) {
    return { status: "expired", error };
  }
  if (error && !error.isTransient) return { status: "failed", error };
  if (!job) return { status: "pending", error };
  const status = job.status.toLowerCase();
  if (status === "completed") {
    const videoUrl = outputVideoUrl(job);
    return videoUrl
      ? { status: "completed", videoUrl }
      : {
          status: "failed",
          error: new KlingError("bad_response", {
            jobId: job.jobId,
            message: "The job completed without a video.",
          }),
        };
  }
  if (isTerminalStatus(status)) {
    if (status === "expired") return { status: "expired", error: new KlingError("expired", { jobId: job.jobId }) };
    const reason = typeof job.error === "string" ? job.error : job.error?.message;
    return { status: "failed", error: new KlingError("job_failed", { jobId: job.jobId, message: reason }) };
  }
  return { status: status === "pending" ? "pending" : "processing", error };
}

export { isTerminalStatus };
