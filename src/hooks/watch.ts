import { onlineManager, type QueryClient } from "@tanstack/react-query";
import type { KlingJobClient } from "../core/client";
import type { KlingError } from "../core/errors";
import { createStoredJobWatch, type JobWatchCore } from "../core/job-watch-core";
import type { JobWatchStore } from "../core/job-watch-store";
import type { PollingOptions } from "../core/schedule";
import { readStream, writeStream } from "../core/storage";
import type { KlingJob } from "../core/types";

export { withSubmitCredits } from "../core/job-watch-core";

export const jobQueryKey = (proxyUrl: string, jobId: string) => ["react-kling-edit", proxyUrl, "job", jobId] as const;

export interface JobWatcher {
  /**
   * Start (or join) the watch of a job; the returned function leaves it. `remember`: keep what
   * the stream brings in sessionStorage, so that a reload resumes after it (the edit is kept too).
   */
  observe(jobId: string, startedAt?: number, remember?: boolean): () => void;
  /** The job's one watch (made on first use): its status request is the query's function. */
  watchOf(jobId: string): JobWatchCore;
}

/**
 * One watch per job (core's `createJobWatch`), however many components observe it, with the
 * job kept in TanStack Query: every observer shares the job's one query, and the watch asks
 * for its status by refetching that query. TanStack Query's `refetchInterval` would run a timer
 * per observer; here the loop belongs to the job.
 */
export function createJobWatcher(
  queryClient: QueryClient,
  client: KlingJobClient,
  polling: PollingOptions,
): JobWatcher {
  const proxyUrl = client.proxyUrl;
  const watches = new Map<string, JobWatchCore>();
  const cache = queryClient.getQueryCache();
  // Learned once per provider: a proxy without the route is not asked again for other jobs.
  const shared = { streamless: false };

  const storeOf = (jobId: string): JobWatchStore => {
    const queryKey = jobQueryKey(proxyUrl, jobId);
    return {
      read() {
        const state = cache.find<KlingJob, KlingError>({ queryKey, exact: true })?.state;
        return { job: state?.data, error: state?.error ?? undefined };
      },
      write: (job) => void queryClient.setQueryData(queryKey, job),
      request: () => void queryClient.refetchQueries({ queryKey, exact: true }, { cancelRefetch: false }),
      // The observers' own query reports each status request's end.
      connect: (settled) =>
        cache.subscribe((event) => {
          const [scope, url, , id] = event.query.queryKey;
          if (event.type !== "updated" || scope !== "react-kling-edit" || url !== proxyUrl || id !== jobId) return;
          if (event.action.type === "success") settled(true);
          else if (event.action.type === "error") settled(false);
        }),
    };
  };

  const watchOf = (jobId: string, startedAt?: number): JobWatchCore => {
    let watch = watches.get(jobId);
    if (!watch) {
      watch = createStoredJobWatch({
        client,
        jobId,
        polling,
        startedAt,
        store: storeOf(jobId),
        online: onlineManager,
        shared,
        seen: { read: () => readStream(proxyUrl, jobId), write: (seen) => writeStream(proxyUrl, jobId, seen) },
      });
      watches.set(jobId, watch);
    } else watch.began(startedAt);
    return watch;
  };

  return {
    watchOf: (jobId) => watchOf(jobId),
    observe: (jobId, startedAt, remember) => watchOf(jobId, startedAt).observe({ remember }),
  };
}
