// The server watch's two decisions, as pure functions of their inputs and the clock: when this
// instance looks for due work next (one state, one transition), and what one upstream read of
// a job leads to. watch.ts runs the effects.
import { watchDeadline } from "../../core/deadline";
import type { KlingError } from "../../core/errors";
import { nextPollDelay } from "../../core/schedule";
import { isTerminalStatus, type KlingJobStatus } from "../../core/types";
import type { PushSettings } from "../options";

/**
 * Where this instance's look for due work stands:
 * - `idle`: no look planned (the queues were empty and no stream is open here); a wake plans one;
 * - `sleeping`: a look is planned at `at` (one timer);
 * - `looking`: a look runs; `woken` when a wake came meanwhile (what it was about may have come
 *   after the look read the queues, so the next look comes within a tick).
 */
export type LoopState = { kind: "idle" } | { kind: "sleeping"; at: number } | { kind: "looking"; woken: boolean };

export type LoopEvent =
  /** Anything that may have queued work: a request, a read done, a job accepted. */
  | { type: "wake"; now: number }
  /** The planned look's time came. */
  | { type: "fire" }
  /** A look ended; `next` is when the earliest queued work is due (undefined: nothing queued, no stream). */
  | { type: "looked"; now: number; next: number | undefined };

/** The next state, and what to do: (re)arm the one timer `arm` ms from now, or start a look. */
export interface LoopStep {
  state: LoopState;
  arm?: number;
  look?: true;
}

export interface LoopTiming {
  tickMs: number;
  /** The longest sleep while work is queued: work another instance queued is found this soon. */
  maxSleepMs: number;
}

const sleep = (now: number, delay: number): LoopStep => ({ state: { kind: "sleeping", at: now + delay }, arm: delay });

/** The one transition of the look loop. An event that means nothing in a state leaves it as it is. */
export function stepLoop(state: LoopState, event: LoopEvent, { tickMs, maxSleepMs }: LoopTiming): LoopStep {
  switch (event.type) {
    case "wake":
      if (state.kind === "looking") return { state: { kind: "looking", woken: true } };
      // A look within a tick is planned already: cheap enough to call on every request.
      if (state.kind === "sleeping" && state.at <= event.now + tickMs) return { state };
      return sleep(event.now, tickMs);
    case "fire":
      return state.kind === "sleeping" ? { state: { kind: "looking", woken: false }, look: true } : { state };
    case "looked": {
      if (state.kind !== "looking") return { state };
      const next = state.woken ? Math.min(event.next ?? Infinity, event.now + tickMs) : event.next;
      if (next === undefined) return { state: { kind: "idle" } };
      return sleep(event.now, Math.min(maxSleepMs, Math.max(tickMs, next - event.now)));
    }
  }
}

/** What one upstream read of a watched job leads to. */
export type ReadOutcome =
  /** The job ended: its watch stops. */
  | { kind: "ended" }
  /** The watch stops before the job ended (a refusal, or the deadline): its streams end. */
  | { kind: "give-up"; refusal?: KlingError }
  /** Read again at `at`; `failures` in a row so far (0 after a success). */
  | { kind: "again"; at: number; failures: number };

export interface ReadState {
  status: KlingJobStatus;
  createdAt: number;
  expiresAt: string;
  /** Failed reads in a row before this one. */
  failures: number;
  /** This read's failure, if it failed. */
  failure: KlingError | undefined;
}

/** When a job's watch gives up: the browser's rule, from the job's submit. */
export const jobDeadline = (
  record: { createdAt: number; expiresAt: string },
  { polling }: Pick<PushSettings, "polling">,
): number => watchDeadline({ startedAt: record.createdAt, maxWaitMs: polling.maxWaitMs, expiresAt: record.expiresAt });

/** After a read: stop, give up or read again, by the browser's schedule and the one deadline rule. */
export function afterRead(
  read: ReadState,
  now: number,
  settings: Pick<PushSettings, "polling">,
  random?: () => number,
): ReadOutcome {
  const { failure } = read;
  if (isTerminalStatus(read.status)) return { kind: "ended" };
  if (failure && !failure.isTransient) return { kind: "give-up", refusal: failure };
  const failures = failure ? read.failures + 1 : 0;
  const deadline = jobDeadline(read, settings);
  const delay = nextPollDelay(
    { elapsedMs: now - read.createdAt, failures, lastError: failure, remainingMs: deadline - now },
    settings.polling,
    random,
  );
  return delay === null ? { kind: "give-up" } : { kind: "again", at: now + delay, failures };
}
