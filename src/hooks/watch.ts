import { onlineManager, type QueryClient } from "@tanstack/react-query";
import type { KlingJobClient } from "../core/client";
import { KlingError } from "../core/errors";
import { nextPollDelay, DEFAULT_POLLING, type PollingOptions } from "../core/schedule";
import { isTerminalStatus, type KlingJob } from "../core/types";
import { readStream, writeStream } from "./storage";

export const jobQueryKey = (proxyUrl: string, jobId: string) =>
  ["react-kling-edit", proxyUrl, "job", jobId] as const;

/** A status answer, with what only the submit reported (credits) kept: status answers do not repeat it. */
export const withSubmitCredits = (known: KlingJob | undefined, job: KlingJob): KlingJob =>
  known ? { creditCost: known.creditCost, creditsRemaining: known.creditsRemaining, ...job } : job;

/** A stream that drops this many times in a row, with no event between, gives way to polling. */
const MAX_DROPS = 3;
/**
 * How long a job's first status waits for its stream's first event (the proxy sends the job at
 * once) before it is asked for by a status request after all: a slow or buffering proxy.
 */
const FIRST_EVENT_MS = 1_500;

interface Watch {
  startedAt: number;
  /** Set by `rewatch()`: the deadline counts from here, whatever `startedAt` observers pass. */
  rewatchedAt?: number;
  failures: number;
  observers: number;
  timer?: ReturnType<typeof setTimeout>;
  /** The pause before a dropped stream is opened again (apart from `timer`, which polls reschedule). */
  reopen?: () => void;
  stop?: () => void;
  /** The open (or opening) event stream. */
  stream?: AbortController;
  /** The last event's id, to resume after it. */
  eventId?: string;
  /** Streams dropped in a row with no event between. */
  drops: number;
  /** This job is polled: its stream was refused, buffered or kept dropping. */
  polled?: boolean;
  /** An observer keeps the edit across reloads: what the stream brought is kept too. */
  remember?: boolean;
  /** Settles the wait for the stream's first event: with the job, or undefined to ask for it instead. */
  settleFirst?: (job: KlingJob | undefined) => void;
}

export interface JobWatcher {
  /**
   * Start (or join) the watch of a job; the returned function leaves it. `remember`: keep what
   * the stream brings in sessionStorage, so that a reload resumes after it (the edit is kept too).
   */
  observe(jobId: string, startedAt?: number, remember?: boolean): () => void;
  /** The error that ends a watch once its deadline has passed, else undefined. */
  deadlineError(jobId: string, job?: KlingJob): KlingError | undefined;
  /** Watches a job again from now, with a fresh deadline: after a timeout, the job may still finish. */
  rewatch(jobId: string): void;
  /** The job's status arrives by stream (so refreshing it on focus would only repeat it). */
  streams(jobId: string): boolean;
  /**
   * A job's first status, from the stream the watch opens for it: the tab then sends one
   * request for the whole job, not a status request beside the stream. Undefined (at once, or
   * after FIRST_EVENT_MS) when the status should be asked for instead: the proxy offers no
   * stream, the job is polled, or the stream brought nothing in time.
   */
  firstStatus(jobId: string): Promise<KlingJob | undefined>;
}

/**
 * One watch per job, however many components observe it. It follows the job's event stream
 * when the proxy offers one (one request for the whole job, updates as they happen), and
 * polls on the schedule otherwise: a proxy without the route, a refused or buffered stream, or
 * one that keeps dropping. TanStack Query's `refetchInterval` would run a timer per observer;
 * here the loop belongs to the job and every observer shares its one query.
 */
export function createJobWatcher(queryClient: QueryClient, client: KlingJobClient, polling: PollingOptions): JobWatcher {
  const proxyUrl = client.proxyUrl;
  const watches = new Map<string, Watch>();
  const cache = queryClient.getQueryCache();
  // Learned once per provider: a proxy without the route is not asked again for other jobs.
  let streamless = false;

  const watchOf = (jobId: string, startedAt?: number): Watch => {
    let watch = watches.get(jobId);
    if (!watch) watches.set(jobId, (watch = { startedAt: startedAt ?? Date.now(), failures: 0, observers: 0, drops: 0 }));
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

  const stateOf = (jobId: string) => cache.find<KlingJob, KlingError>({ queryKey: jobQueryKey(proxyUrl, jobId), exact: true })?.state;
  const refetch = (jobId: string) =>
    void queryClient.refetchQueries({ queryKey: jobQueryKey(proxyUrl, jobId), exact: true }, { cancelRefetch: false });

  const schedule = (jobId: string, watch: Watch): void => {
    clearTimeout(watch.timer);
    const state = stateOf(jobId);
    if (isTerminalStatus(state?.data?.status)) return;
    const now = Date.now();
    if (watch.stream) {
      // Streaming: the only timer is the deadline's, where a status request ends the watch.
      watch.timer = setTimeout(() => {
        const stream = watch.stream;
        watch.stream = undefined;
        stream?.abort();
        refetch(jobId);
      }, Math.max(0, deadline(jobId, state?.data) - now));
      return;
    }
    // Nothing known yet: the observer's own first fetch is under way and will reschedule.
    if (!state || (state.data === undefined && !state.error)) return;
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
    if (delay !== null) watch.timer = setTimeout(() => refetch(jobId), delay);
  };

  const settleFirst = (watch: Watch, job?: KlingJob) => {
    const settle = watch.settleFirst;
    watch.settleFirst = undefined;
    settle?.(job);
  };

  const poll = (jobId: string, watch: Watch) => {
    watch.polled = true;
    watch.stream = undefined;
    // A stream that had brought news may have missed some since: ask now. Else the schedule's turn.
    if (watch.eventId) refetch(jobId);
    else schedule(jobId, watch);
  };

  async function follow(jobId: string, watch: Watch): Promise<void> {
    if (streamless || watch.polled || isTerminalStatus(stateOf(jobId)?.data?.status)) {
      settleFirst(watch);
      return schedule(jobId, watch);
    }
    const controller = (watch.stream = new AbortController());
    schedule(jobId, watch);
    const key = jobQueryKey(proxyUrl, jobId);
    let end;
    try {
      end = await client.streamJob(jobId, {
        signal: controller.signal,
        lastEventId: watch.eventId,
        onJob(job, eventId) {
          watch.drops = 0;
          watch.eventId = eventId;
          const merged = withSubmitCredits(queryClient.getQueryData<KlingJob>(key), job);
          queryClient.setQueryData(key, merged);
          settleFirst(watch, merged);
          if (eventId && watch.remember) writeStream(proxyUrl, jobId, { eventId, job: merged });
        },
      });
    } catch {
      // Aborted: the watch was left, or its deadline passed. Anything else (the app's
      // headers() failed) is a drop: the stream is opened again, then given up for polling.
      if (controller.signal.aborted) return;
      end = "dropped" as const;
    }
    if (watch.stream !== controller) return;
    watch.stream = undefined;
    // Whatever comes next, the first status is asked for.
    settleFirst(watch);
    if (end === "ended") return;
    // No stream for any job: a 405, a plain answer, a buffered one. A 404 may be this job's
    // alone (another user's, one the store forgot), so other jobs still try theirs.
    if (end === "unsupported" || end === "buffered") streamless = true;
    if (end !== "dropped" || ++watch.drops > MAX_DROPS) return poll(jobId, watch);
    // Dropped: open it again after a pause that grows (once the browser is online again).
    const reopen = () => {
      watch.reopen = undefined;
      if (watch.observers > 0 && !watch.stream) void follow(jobId, watch);
    };
    if (!onlineManager.isOnline()) {
      const unsubscribe = onlineManager.subscribe((online) => online && (unsubscribe(), reopen()));
      watch.reopen = unsubscribe;
      return;
    }
    const timer = setTimeout(reopen, 1_000 * 2 ** (watch.drops - 1));
    watch.reopen = () => clearTimeout(timer);
  }

  return {
    streams: (jobId) => !!watches.get(jobId)?.stream,
    firstStatus(jobId) {
      const watch = watchOf(jobId);
      const state = stateOf(jobId);
      // Only the job's very first status: after that, status requests are the watch's own.
      if (streamless || watch.polled || watch.eventId || state?.data !== undefined || state?.error) return Promise.resolve(undefined);
      // Settled by the stream's first event, its failure, or the timer; an aborted query then
      // finds its status request aborted too.
      return new Promise((resolve) => {
        settleFirst(watch);
        const timer = setTimeout(() => settleFirst(watch), FIRST_EVENT_MS);
        watch.settleFirst = (job) => {
          clearTimeout(timer);
          resolve(job);
        };
        // The observer that joins the watch (next, in the same commit) opens the stream.
      });
    },
    rewatch(jobId) {
      const watch = Object.assign(watchOf(jobId), { rewatchedAt: Date.now(), failures: 0, drops: 0 });
      refetch(jobId);
      if (watch.observers > 0 && !watch.stream) void follow(jobId, watch);
    },
    deadlineError(jobId, job) {
      if (Date.now() < deadline(jobId, job)) return undefined;
      const expired = Date.now() >= Date.parse(job?.expiresAt ?? "");
      return new KlingError(expired ? "expired" : "timeout", { jobId });
    },
    observe(jobId, startedAt, remember) {
      const watch = watchOf(jobId, startedAt);
      watch.remember ||= remember;
      if (watch.observers++ === 0) {
        // What this tab saw of the job before a reload: shown at once, and the stream resumes after it.
        const seen = remember ? readStream(proxyUrl, jobId) : undefined;
        if (seen && !watch.eventId) {
          watch.eventId = seen.eventId;
          const key = jobQueryKey(proxyUrl, jobId);
          const restored = { ...queryClient.getQueryData<KlingJob>(key), ...seen.job };
          queryClient.setQueryData(key, restored);
          settleFirst(watch, restored);
        }
        watch.stop = cache.subscribe((event) => {
          const [scope, url, , id] = event.query.queryKey;
          if (event.type !== "updated" || scope !== "react-kling-edit" || url !== proxyUrl || id !== jobId) return;
          if (event.action.type === "success") watch.failures = 0;
          else if (event.action.type === "error") watch.failures++;
          else return;
          schedule(jobId, watch);
        });
        void follow(jobId, watch);
      }
      return () => {
        if (--watch.observers > 0) return;
        clearTimeout(watch.timer);
        watch.reopen?.();
        watch.reopen = undefined;
        watch.stream?.abort();
        watch.stream = undefined;
        watch.stop?.();
      };
    },
  };
}
