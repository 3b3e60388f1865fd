import type { QueryClient } from "@tanstack/react-query";
import { KlingError } from "../core/errors";
import { nextPollDelay, DEFAULT_POLLING, type PollingOptions } from "../core/schedule";
import { isTerminalStatus, type KlingJob } from "../core/types";

export const jobQueryKey = (proxyUrl: string, jobId: string) =>
  ["react-kling-edit", proxyUrl, "job", jobId] as const;

interface Watch {
  startedAt: number;
  /** Set by `rewatch()`: the deadline counts from here, whatever `startedAt` observers pass. */
  rewatchedAt?: number;
  failures: number;
  observers: number;
  timer?: ReturnType<typeof setTimeout>;
  stop?: () => void;
}

export interface JobWatcher {
  /** Start (or join) the polling loop of a job; the returned function leaves it. */
  observe(jobId: string, startedAt?: number): () => void;
  /** The error that ends a watch once its deadline has passed, else undefined. */
  deadlineError(jobId: string, job?: KlingJob): KlingError | undefined;
  /** Watches a job again from now, with a fresh deadline: after a timeout, the job may still finish. */
  rewatch(jobId: string): void;
}

/**
 * One polling loop per job, however many components watch it. TanStack Query's
 * `refetchInterval` runs a timer per observer, so five observers would poll on five clocks;
 * here the loop belongs to the job and every observer shares its one query.
 */
export function createJobWatcher(queryClient: QueryClient, proxyUrl: string, polling: PollingOptions): JobWatcher {
  const watches = new Map<string, Watch>();
  const cache = queryClient.getQueryCache();

  const watchOf = (jobId: string, startedAt?: number): Watch => {
    let watch = watches.get(jobId);
    if (!watch) watches.set(jobId, (watch = { startedAt: startedAt ?? Date.now(), failures: 0, observers: 0 }));
    // A status request may have run before the observer said when the job began.
    else if (startedAt !== undefined && startedAt < watch.startedAt) watch.startedAt = startedAt;
    return watch;
  };

  // Where the watch's clock starts: the submit, or the last `rewatch()`.
  const since = (watch: Watch) => Math.max(watch.startedAt, watch.rewatchedAt ?? 0);

  // The deadline: `expiresAt`, or `maxWaitMs` after the start, whichever comes first.
  const deadline = (jobId: string, job?: KlingJob): number => {
    const expires = Date.parse(job?.expiresAt ?? "");
    const maxWait = since(watchOf(jobId)) + (polling.maxWaitMs ?? DEFAULT_POLLING.maxWaitMs);
    return expires < maxWait ? expires : maxWait;
  };

  const schedule = (jobId: string, watch: Watch): void => {
    clearTimeout(watch.timer);
    const queryKey = jobQueryKey(proxyUrl, jobId);
    const state = cache.find<KlingJob, KlingError>({ queryKey, exact: true })?.state;
    // Nothing known yet: the observer's own first fetch is under way and will reschedule.
    if (!state || (state.data === undefined && !state.error) || isTerminalStatus(state.data?.status)) return;
    const now = Date.now();
    const lastError = watch.failures > 0 ? (state.error ?? undefined) : undefined;
    const delay = nextPollDelay(
      {
        elapsedMs: now - since(watch),
        failures: lastError ? watch.failures : 0,
        lastError,
        remainingMs: deadline(jobId, state.data) - now,
      },
      polling,
    );
    if (delay !== null) {
      watch.timer = setTimeout(
        () => void queryClient.refetchQueries({ queryKey, exact: true }, { cancelRefetch: false }),
        delay,
      );
    }
  };

  return {
    rewatch(jobId) {
      Object.assign(watchOf(jobId), { rewatchedAt: Date.now(), failures: 0 });
      void queryClient.refetchQueries({ queryKey: jobQueryKey(proxyUrl, jobId), exact: true }, { cancelRefetch: false });
    },
    deadlineError(jobId, job) {
      if (Date.now() < deadline(jobId, job)) return undefined;
      const expired = Date.now() >= Date.parse(job?.expiresAt ?? "");
      return new KlingError(expired ? "expired" : "timeout", { jobId });
    },
    observe(jobId, startedAt) {
      const watch = watchOf(jobId, startedAt);
      if (watch.observers++ === 0) {
        watch.stop = cache.subscribe((event) => {
          const [scope, url, , id] = event.query.queryKey;
          if (event.type !== "updated" || scope !== "react-kling-edit" || url !== proxyUrl || id !== jobId) return;
          if (event.action.type === "success") watch.failures = 0;
          else if (event.action.type === "error") watch.failures++;
          else return;
          schedule(jobId, watch);
        });
        schedule(jobId, watch);
      }
      return () => {
        if (--watch.observers > 0) return;
        clearTimeout(watch.timer);
        watch.stop?.();
      };
    },
  };
}
