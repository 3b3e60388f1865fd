import type { KlingJobClient } from "./client";
import { KlingError } from "./errors";
import {
  deadlineReason,
  initialWatchState,
  jobWatchTransition,
  type JobWatchEffect,
  type JobWatchEvent,
  type JobWatchState,
} from "./job-watch-machine";
import type { JobWatchStore, OnlineSource } from "./job-watch-store";
import type { PollingOptions } from "./schedule";
import type { SeenStream } from "./storage";
import { isTerminalStatus, type KlingJob } from "./types";

/**
 * How long a job's first status waits for its stream's first event (the proxy sends the job at
 * once) before it is asked for by a status request after all: a slow or buffering proxy.
 */
const FIRST_EVENT_MS = 1_500;

export interface JobWatchOptions {
  client: KlingJobClient;
  jobId: string;
  /** When to ask for the status (and the deadline, `maxWaitMs`). */
  polling?: PollingOptions;
  /** When the job was submitted (ms since epoch): the deadline counts from here. Default: now. */
  startedAt?: number;
  /** The job's `expiresAt`, if known before its first status (kept across a reload). */
  expiresAt?: string;
  /** The job as last known (a submit's answer) for the watch's own store: its credits are kept. */
  job?: KlingJob;
  /** Default: the watch's own, which asks `client.getJob`. */
  store?: JobWatchStore;
  /** Default: `navigator.onLine` and the window's `online` event, where there are any. */
  online?: OnlineSource;
  /** What a stream brought before a reload (read when watching starts), and where to keep it after. */
  seen?: { read(): SeenStream | undefined; write(seen: SeenStream): void };
  /** Shared by the watches of one proxy: a proxy without streams is not asked again for other jobs. */
  shared?: { streamless: boolean };
}

/** A watch without its own snapshot: what a layer that keeps the job elsewhere (TanStack Query) drives. */
export interface JobWatchCore {
  /** Starts (or joins) watching; the returned function leaves. `remember`: keep what the stream brings (`seen`). */
  observe(options?: { remember?: boolean }): () => void;
  /** Watches again from now, with a fresh deadline: after a timeout, the job may still finish. */
  rewatch(): void;
  /** The status arrives by stream (so refreshing it on focus would only repeat it). */
  streams(): boolean;
  /**
   * The job's first status, from the stream the watch opens for it, or undefined (at once, or
   * after 1.5 s) when it should be asked for instead.
   */
  firstStatus(): Promise<KlingJob | undefined>;
  /** One status request by the watch's rules (first status, expiry, deadline): what the store's `request` runs. */
  fetchStatus(signal: AbortSignal, expiresAt?: string): Promise<KlingJob>;
  /** The error that ends the watch once its deadline has passed, else undefined. */
  deadlineError(job?: KlingJob): KlingError | undefined;
  /** A status request may run before the observer says when the job began: an earlier start wins. */
  began(startedAt: number | undefined): void;
}

/** A status answer, with what only the submit reported (credits) kept: status answers do not repeat it. */
export const withSubmitCredits = (known: KlingJob | undefined, job: KlingJob): KlingJob =>
  known ? { creditCost: known.creditCost, creditsRemaining: known.creditsRemaining, ...job } : job;

/**
 * A watch over a store of the caller's (the React layer's TanStack cache, which also renders):
 * no own store, online source or snapshot in its bundle.
 */
export const createStoredJobWatch = (
  options: JobWatchOptions & { store: JobWatchStore; online: OnlineSource },
): JobWatchCore & { state(): JobWatchState["type"] } =>
  runJobWatch(
    options,
    () => options.store,
    () => undefined,
  );

/**
 * The watch itself, an explicit state machine (`jobWatchTransition`) whose effects (timers, the
 * stream) this runs; `createJobWatch` adds its own store and snapshot, `createStoredJobWatch` none.
 */
export function runJobWatch(
  options: JobWatchOptions & { online: OnlineSource },
  storeFor: (fetchStatus: (signal: AbortSignal) => Promise<KlingJob>) => JobWatchStore,
  notify: () => void,
): JobWatchCore & { state(): JobWatchState["type"] } {
  const { client, jobId, polling = {} } = options;
  const { online } = options;
  const shared = options.shared ?? { streamless: false };
  let state: JobWatchState = initialWatchState(options.startedAt ?? Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelReopen: (() => void) | undefined;
  let stream: AbortController | undefined;
  let disconnect: (() => void) | undefined;
  let remember = false;
  let resolveFirst: ((job: KlingJob | undefined) => void) | undefined;

  // The default store asks through the watch's own rules; `watch` is defined below, before any request.
  const store = storeFor((signal) => watch.fetchStatus(signal));
  const env = () => ({
    now: Date.now(),
    ...store.read(),
    polling,
    streamless: shared.streamless,
    online: online.isOnline(),
  });

  const settleFirst = (job?: KlingJob) => {
    const settle = resolveFirst;
    resolveFirst = undefined;
    settle?.(job);
  };

  function send(event: JobWatchEvent): void {
    const before = state.type;
    const [next, effects] = jobWatchTransition(state, event, env());
    state = next;
    for (const effect of effects) run(effect);
    if (before !== state.type) notify();
  }

  function run(effect: JobWatchEffect): void {
    switch (effect.type) {
      case "open":
        return void follow();
      case "abort": {
        const open = stream;
        stream = undefined;
        return open?.abort();
      }
      case "timer":
        clearTimeout(timer);
        timer =
          effect.delay === null
            ? undefined
            : setTimeout(
                effect.due === "poll" ? () => store.request() : () => send({ type: "deadlineDue" }),
                effect.delay,
              );
        return;
      case "reopen":
        if (effect.delay === "online") {
          const unsubscribe = online.subscribe((isOnline) => isOnline && (unsubscribe(), due()));
          cancelReopen = unsubscribe;
        } else {
          const pause = setTimeout(due, effect.delay);
          cancelReopen = () => clearTimeout(pause);
        }
        return;
      case "cancelReopen":
        cancelReopen?.();
        cancelReopen = undefined;
        return;
      case "request":
        return store.request();
      case "settleFirst":
        return settleFirst();
      case "streamless":
        shared.streamless = true;
        return;
    }
  }

  function due() {
    cancelReopen = undefined;
    send({ type: "reopenDue" });
  }

  async function follow(): Promise<void> {
    const controller = (stream = new AbortController());
    let end;
    try {
      end = await client.streamJob(jobId, {
        signal: controller.signal,
        lastEventId: state.eventId,
        onJob(job, eventId) {
          const merged = withSubmitCredits(store.read().job, job);
          store.write(merged);
          settleFirst(merged);
          if (eventId && remember) options.seen?.write({ eventId, job: merged });
          send({ type: "streamEvent", eventId });
          notify();
        },
      });
    } catch {
      // Aborted: the watch was left, or its deadline passed. Anything else (the app's
      // headers() failed) is a drop: the stream is opened again, then given up for polling.
      if (controller.signal.aborted) return;
      end = "dropped" as const;
    }
    if (stream !== controller) return;
    stream = undefined;
    send({ type: "streamEnd", end });
  }

  const watch: JobWatchCore & { state(): JobWatchState["type"] } = {
    observe(observeOptions = {}) {
      remember ||= !!observeOptions.remember;
      if (state.observers === 0) {
        // What this tab saw of the job before a reload: shown at once, and the stream resumes after it.
        const seen = observeOptions.remember ? options.seen?.read() : undefined;
        if (seen && !state.eventId) {
          state = { ...state, eventId: seen.eventId };
          const restored = { ...store.read().job, ...seen.job };
          store.write(restored);
          settleFirst(restored);
          notify();
        }
        disconnect = store.connect?.((ok) => send({ type: "settled", ok }));
      }
      send({ type: "observe" });
      let left = false;
      return () => {
        if (left) return;
        left = true;
        send({ type: "leave" });
        if (state.observers === 0) {
          disconnect?.();
          disconnect = undefined;
        }
      };
    },
    state: () => state.type,
    rewatch: () => send({ type: "rewatch" }),
    streams: () => !!stream,
    firstStatus() {
      const { job, error } = store.read();
      // Only the job's very first status: after that, status requests are the watch's own.
      if (shared.streamless || state.polled || state.eventId || job !== undefined || error)
        return Promise.resolve(undefined);
      return new Promise((resolve) => {
        settleFirst();
        const wait = setTimeout(() => settleFirst(), FIRST_EVENT_MS);
        resolveFirst = (first) => {
          clearTimeout(wait);
          resolve(first);
        };
      });
    },
    async fetchStatus(signal, expiresAt = options.expiresAt) {
      const known = store.read().job;
      let job: KlingJob;
      try {
        // Where the job is streamed, its first event is its first status: no request beside it.
        job = (known ? undefined : await watch.firstStatus()) ?? (await client.getJob(jobId, { signal }));
      } catch (cause) {
        if (signal.aborted) throw cause;
        const error = cause instanceof KlingError ? cause : new KlingError("bad_response", { cause, jobId });
        // Gone after its expiry: the result expired, it was not lost.
        if (error.code === "not_found" && Date.now() >= Date.parse(known?.expiresAt ?? expiresAt ?? ""))
          throw new KlingError("expired", { jobId });
        throw watch.deadlineError() ?? error;
      }
      if (!isTerminalStatus(job.status)) {
        const late = watch.deadlineError(job);
        if (late) throw late;
      }
      return withSubmitCredits(known, job);
    },
    deadlineError(job) {
      const reason = deadlineReason(state, { now: Date.now(), job, polling });
      return reason ? new KlingError(reason, { jobId }) : undefined;
    },
    began(startedAt) {
      if (startedAt !== undefined && startedAt < state.startedAt) state = { ...state, startedAt };
    },
  };
  return watch;
}
