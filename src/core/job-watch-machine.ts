import type { KlingError } from "./errors";
import { deadlinePassed, watchDeadline } from "./deadline";
import { nextPollDelay, type PollingOptions } from "./schedule";
import type { StreamEnd } from "./stream";
import { isTerminalStatus, type KlingJob } from "./types";

/** A stream that drops this many times in a row, with no event between, gives way to polling. */
export const MAX_DROPS = 3;

/** What the watch keeps whatever it is doing. */
interface WatchBase {
  /** When the job was submitted (or first watched): the deadline counts from here. */
  startedAt: number;
  /** Set by a re-watch: the deadline counts from here instead. */
  rewatchedAt?: number;
  /** Status requests failed in a row. */
  failures: number;
  /** Streams dropped in a row with no event between. */
  drops: number;
  /** The last event's id, to resume after it (`Last-Event-ID`). */
  eventId?: string;
  /** This job is polled for good: its stream was refused, buffered or kept dropping. */
  polled: boolean;
  observers: number;
}

/**
 * What a job's watch is doing, one of:
 * - `idle`: nobody observes it (or it has not started);
 * - `streaming`: the event stream is open (or opening); the one timer is the deadline's;
 * - `reopening`: a dropped stream waits (a growing pause, or the browser coming back online);
 * - `polling`: status requests on the schedule;
 * - `ended`: the stream closed after the job's ending.
 */
export type JobWatchState =
  | (WatchBase & { type: "idle" })
  | (WatchBase & { type: "streaming" })
  | (WatchBase & { type: "reopening" })
  | (WatchBase & { type: "polling" })
  | (WatchBase & { type: "ended" });

export type JobWatchEvent =
  | { type: "observe" }
  | { type: "leave" }
  | { type: "streamEvent"; eventId?: string }
  | { type: "streamEnd"; end: StreamEnd }
  | { type: "reopenDue" }
  | { type: "deadlineDue" }
  | { type: "settled"; ok: boolean }
  | { type: "rewatch" };

/** What the engine does after a transition, in this order. */
export type JobWatchEffect =
  /** Open the event stream (after `eventId`). */
  | { type: "open" }
  /** Abort the open stream. */
  | { type: "abort" }
  /** Replace the timer: a status request (`poll`) or the deadline's end of a stream; `null` clears it. */
  | { type: "timer"; delay: number | null; due: "poll" | "deadline" }
  /** Open the stream again after `delay`, or once the browser is online (`delay: "online"`). */
  | { type: "reopen"; delay: number | "online" }
  /** Cancel a pending reopen. */
  | { type: "cancelReopen" }
  /** Ask for the status now. */
  | { type: "request" }
  /** The first status is asked for, not awaited from the stream. */
  | { type: "settleFirst" }
  /** No stream for any job of this proxy: later watches poll at once. */
  | { type: "streamless" };

/** What the transition reads of the world: the clock, the job, the options. */
export interface JobWatchEnv {
  now: number;
  job?: KlingJob;
  error?: KlingError;
  polling: PollingOptions;
  /** A stream of this proxy was unsupported or buffered. */
  streamless: boolean;
  online: boolean;
}

export const initialWatchState = (startedAt: number): JobWatchState => ({
  type: "idle",
  startedAt,
  failures: 0,
  drops: 0,
  polled: false,
  observers: 0,
});

/** Where the watch's clock starts: the submit, or the last re-watch. */
const since = (state: JobWatchState) => Math.max(state.startedAt, state.rewatchedAt ?? 0);

/** The one deadline rule (core/deadline.ts), from where this watch's clock starts. */
export const deadlineOf = (state: JobWatchState, env: Pick<JobWatchEnv, "job" | "polling">) =>
  watchDeadline({ startedAt: since(state), maxWaitMs: env.polling.maxWaitMs, expiresAt: env.job?.expiresAt });

/** Why the watch ends at `now`, or undefined while it may go on. */
export const deadlineReason = (state: JobWatchState, env: Pick<JobWatchEnv, "now" | "job" | "polling">) =>
  deadlinePassed(env.now, { startedAt: since(state), maxWaitMs: env.polling.maxWaitMs, expiresAt: env.job?.expiresAt });

/** The timer the state calls for: the deadline while streaming, else the next poll (if any is due). */
function schedule(state: JobWatchState, env: JobWatchEnv): JobWatchEffect[] {
  if (isTerminalStatus(env.job?.status)) return [{ type: "timer", delay: null, due: "poll" }];
  if (state.type === "streaming")
    return [{ type: "timer", delay: Math.max(0, deadlineOf(state, env) - env.now), due: "deadline" }];
  // Nothing known yet: the first status request is under way, and its end schedules.
  if (env.job === undefined && !env.error) return [{ type: "timer", delay: null, due: "poll" }];
  const lastError = state.failures > 0 ? env.error : undefined;
  const delay = nextPollDelay(
    {
      elapsedMs: env.now - since(state),
      failures: lastError ? state.failures : 0,
      lastError,
      remainingMs: deadlineOf(state, env) - env.now,
    },
    env.polling,
  );
  return [{ type: "timer", delay, due: "poll" }];
}

/** Stream the job, or (no stream for this proxy or job, or it already ended) poll it. */
function follow(state: JobWatchState, env: JobWatchEnv): [JobWatchState, JobWatchEffect[]] {
  if (env.streamless || state.polled || isTerminalStatus(env.job?.status)) {
    const next: JobWatchState = { ...state, type: "polling" };
    return [next, [{ type: "settleFirst" }, ...schedule(next, env)]];
  }
  const next: JobWatchState = { ...state, type: "streaming" };
  return [next, [{ type: "open" }, ...schedule(next, env)]];
}

/** The one transition function of a job's watch: pure, the clock and the job come in `env`. */
export function jobWatchTransition(
  state: JobWatchState,
  event: JobWatchEvent,
  env: JobWatchEnv,
): [JobWatchState, JobWatchEffect[]] {
  switch (event.type) {
    case "observe": {
      const next = { ...state, observers: state.observers + 1 };
      return state.observers === 0 ? follow(next, env) : [next, []];
    }
    case "leave": {
      const observers = Math.max(0, state.observers - 1);
      if (observers > 0) return [{ ...state, observers }, []];
      return [
        { ...state, observers, type: "idle" },
        [{ type: "timer", delay: null, due: "poll" }, { type: "cancelReopen" }, { type: "abort" }],
      ];
    }
    case "streamEvent": {
      const next = { ...state, drops: 0, failures: 0, eventId: event.eventId };
      return [next, schedule(next, env)];
    }
    case "streamEnd": {
      if (state.type !== "streaming") return [state, []];
      const effects: JobWatchEffect[] = [{ type: "settleFirst" }];
      if (event.end === "ended") return [{ ...state, type: "ended" }, effects];
      // No stream for any job: a 405, a plain answer, a buffered one. A 404 may be this job's
      // alone (another user's, one the store forgot), so other jobs still try theirs.
      if (event.end === "unsupported" || event.end === "buffered") effects.push({ type: "streamless" });
      const drops = event.end === "dropped" ? state.drops + 1 : state.drops;
      if (event.end !== "dropped" || drops > MAX_DROPS) {
        const next: JobWatchState = { ...state, drops, type: "polling", polled: true };
        // A stream that had brought news may have missed some since: ask now. Else the schedule's turn.
        return [next, [...effects, ...(state.eventId ? [{ type: "request" } as const] : schedule(next, env))]];
      }
      // Dropped: open it again after a pause that grows (once the browser is online again).
      return [
        { ...state, drops, type: "reopening" },
        [...effects, { type: "reopen", delay: env.online ? 1_000 * 2 ** (drops - 1) : "online" }],
      ];
    }
    case "reopenDue":
      return state.observers > 0 && state.type === "reopening" ? follow(state, env) : [state, []];
    case "deadlineDue":
      // The stream is closed and a status request ends the watch (with the deadline's error).
      return state.type === "streaming"
        ? [{ ...state, type: "polling" }, [{ type: "abort" }, { type: "request" }]]
        : [state, []];
    case "settled": {
      const next = { ...state, failures: event.ok ? 0 : state.failures + 1 };
      return [next, schedule(next, env)];
    }
    case "rewatch": {
      const next = { ...state, rewatchedAt: env.now, failures: 0, drops: 0 };
      if (next.observers === 0 || next.type === "streaming") return [next, [{ type: "request" }]];
      const [followed, effects] = follow(next, env);
      return [followed, [{ type: "request" }, { type: "cancelReopen" }, ...effects]];
    }
  }
}
