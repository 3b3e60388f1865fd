import type { Query, QueryClient } from "@tanstack/react-query";
import { KlingError } from "../core/errors";
import { nextPollDelay, DEFAULT_POLLING, type PollingOptions } from "../core/schedule";
import { isTerminalStatus, type KlingJob } from "../core/types";

export const jobQueryKey = (proxyUrl: string, jobId: string) =>
  ["react-kling-edit", proxyUrl, "job", jobId] as const;

interface Watch {
  startedAt: number;
  failures: number;
  observers: number;
  timer?: ReturnType<typeof setTimeout>;
  stop?: () => void;
}

/**
 * One polling loop per job, however many components watch it. TanStack Query's
 * `refetchInterval` runs a timer per observer, so five observers would poll on five clocks;
 * here the loop belongs to the job and every observer shares its one query.
 */
export class JobWatcher {
  #watches = new Map<string, Watch>();

  constructor(
    private readonly queryClient: QueryClient,
    private readonly proxyUrl: string,
    private readonly polling: PollingOptions,
  ) {}

  #watch(jobId: string, startedAt?: number): Watch {
    let watch = this.#watches.get(jobId);
    if (!watch) {
      watch = { startedAt: startedAt ?? Date.now(), failures: 0, observers: 0 };
      this.#watches.set(jobId, watch);
    } else if (startedAt !== undefined && startedAt < watch.startedAt) {
      // A status request may have run before the observer said when the job began.
      watch.startedAt = startedAt;
    }
    return watch;
  }

  /** When watching must end: `expiresAt` or `maxWaitMs` after the start, whichever is first. */
  deadline(jobId: string, job?: KlingJob): number {
    const watch = this.#watch(jobId);
    const maxWait = watch.startedAt + (this.polling.maxWaitMs ?? DEFAULT_POLLING.maxWaitMs);
    const expires = job?.expiresAt ? Date.parse(job.expiresAt) : NaN;
    return Number.isNaN(expires) ? maxWait : Math.min(maxWait, expires);
  }

  /** The error that ends a watch at its deadline. */
  deadlineError(jobId: string, job?: KlingJob): KlingError | undefined {
    if (Date.now() < this.deadline(jobId, job)) return undefined;
    const expired = job?.expiresAt !== undefined && Date.now() >= Date.parse(job.expiresAt);
    return new KlingError(expired ? "expired" : "timeout", { jobId });
  }

  /** Start (or join) the loop of a job; the returned function leaves it. */
  observe(jobId: string, startedAt?: number): () => void {
    const watch = this.#watch(jobId, startedAt);
    if (watch.observers++ === 0) {
      watch.stop = this.queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || !this.#isJobQuery(event.query, jobId)) return;
        if (event.action.type === "success") watch.failures = 0;
        else if (event.action.type === "error") watch.failures++;
        else return;
        this.#schedule(jobId, watch);
      });
      this.#schedule(jobId, watch);
    }
    return () => {
      if (--watch.observers > 0) return;
      clearTimeout(watch.timer);
      watch.stop?.();
    };
  }

  #isJobQuery(query: Query, jobId: string): boolean {
    const [scope, proxyUrl, , id] = query.queryKey;
    return scope === "react-kling-edit" && proxyUrl === this.proxyUrl && id === jobId;
  }

  #query(jobId: string): Query<KlingJob, KlingError> | undefined {
    return this.queryClient
      .getQueryCache()
      .find<KlingJob, KlingError>({ queryKey: jobQueryKey(this.proxyUrl, jobId), exact: true });
  }

  #schedule(jobId: string, watch: Watch): void {
    clearTimeout(watch.timer);
    const state = this.#query(jobId)?.state;
    // Nothing known yet: the observer's own first fetch is under way and will reschedule.
    if (!state || (state.data === undefined && state.error === null)) return;
    if (isTerminalStatus(state.data?.status)) return;
    const now = Date.now();
    const lastError = watch.failures > 0 ? (state.error ?? undefined) : undefined;
    const delay = nextPollDelay(
      {
        elapsedMs: now - watch.startedAt,
        failures: lastError ? watch.failures : 0,
        lastError,
        remainingMs: this.deadline(jobId, state.data) - now,
      },
      this.polling,
    );
    if (delay === null) return;
    watch.timer = setTimeout(() => {
      void this.queryClient.refetchQueries(
        { queryKey: jobQueryKey(this.proxyUrl, jobId), exact: true },
        { cancelRefetch: false },
      );
    }, delay);
  }
}
