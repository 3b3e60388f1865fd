import { jobPath, type KlingHistoryItem } from "../../core/contract";
import { isTerminalStatus } from "../../core/types";
import { jobUpdateFrom } from "../jobs";
import type { PushSettings } from "../options";
import type { PendingWrites } from "../pending";
import { storeCall, type Emit, type Where } from "../store-call";
import type { KlingJobRecord, KlingStore } from "../store/types";
import { answeredJson, type UpstreamResult } from "../upstream-call";
import { claimWithinBudget, type ReadBudget } from "./budget";
import { createHandOver, FINISH, FINISH_LEASE_MS } from "./finish";
import { createStreamHub, type StreamHub } from "./hub";
import { afterRead, jobDeadline, stepLoop, type LoopEvent, type LoopState } from "./loop";
import { failureOf } from "./reads";

/** The due queue of upstream reads. */
const POLL = "poll";
/** Due work taken per look. */
const CLAIM_LIMIT = 20;
/** The longest sleep between looks while work is queued: work another instance queued is found this soon. */
const MAX_SLEEP_MS = 30_000;

/** The server side of push: one upstream watch per job for every instance, streams fed from it, endings handed over once. */
export interface ServerWatch {
  readonly hub: StreamHub;
  /** A job was accepted: watch it from `createdAt` on (if anything needs it), and hand it over once it ends. */
  accepted(record: KlingJobRecord): Promise<void>;
  /** A stream opened for the job: make sure the server watches it. */
  watched(record: KlingJobRecord): Promise<void>;
  /** Reads the job upstream now (a webhook's nudge). */
  refresh(jobId: string): Promise<void>;
  /** What the upstream answered for a job (read by anyone): stored, streamed on a change, handed over when it ends. */
  apply(where: Where, jobId: string, body: unknown): Promise<KlingJobRecord | undefined>;
  /** Wakes the instance's look for due work (called on every request). */
  wake(): void;
}

/** What the server watch needs of its proxy, and nothing more. */
export interface ServerWatchDeps {
  store: KlingStore;
  settings: PushSettings;
  /** One upstream read of a job's status, with the key. */
  readUpstream: (jobId: string) => Promise<UpstreamResult>;
  /** `upstreamBudget`, shared with the status route; undefined when off. */
  budget: ReadBudget | undefined;
  onJobFinished: ((job: KlingHistoryItem, owner: string) => void | Promise<void>) | undefined;
  /** Every job watched from its submit (webhooks or a hand-over), not only those streamed. */
  watchAll: boolean;
  /** Writes kept and retried until the store takes them (the hand-over's queue entry). */
  pending: PendingWrites;
  now: () => number;
  emit: Emit;
  redact: (text: string) => string;
}

const watchOf = (jobId: string): Where => ({ method: "WATCH", path: jobPath(jobId) });

export function createServerWatch(deps: ServerWatchDeps): ServerWatch {
  const { store, settings, budget, onJobFinished, watchAll, pending, now, emit, redact } = deps;
  const io = { emit };
  const deadlineOf = (record: KlingJobRecord) => jobDeadline(record, settings);
  const finish = onJobFinished && createHandOver({ store, onJobFinished, deadlineOf, now, emit, redact });
  // A streamed job still running gets its turn back if the store lost it (emptied by a restart).
  const hub = createStreamHub(
    store,
    settings.heartbeatMs,
    (error) =>
      emit({
        level: "error",
        event: "watch_failed",
        method: "WATCH",
        path: "(stream)",
        message: "A job update could not be delivered.",
        error,
      }),
    (record) => void watched(record),
  );
  let budgetSpentUntil = 0;
  // Failed reads in a row per job, for the backoff (kept per instance: another one starts afresh).
  const failures = new Map<string, number>();

  // The look loop: one state, changed only by `send` (see loop.ts), and its one timer.
  let state: LoopState = { kind: "idle" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  function send(event: LoopEvent) {
    const step = stepLoop(state, event, { tickMs: settings.tickMs, maxSleepMs: MAX_SLEEP_MS });
    state = step.state;
    if (step.arm !== undefined) {
      clearTimeout(timer);
      timer = setTimeout(() => send({ type: "fire" }), step.arm);
      // The looks never keep a process alive by themselves.
      (timer as { unref?: () => void }).unref?.();
    }
    if (step.look) void look();
  }
  /** Makes the next look come within a tick: cheap to call on every request. */
  const wake = () => send({ type: "wake", now: now() });

  const report = (where: Where, message: string, error?: unknown) =>
    emit({ level: "error", event: "watch_failed", ...where, message, error });

  async function apply(where: Where, jobId: string, body: unknown): Promise<KlingJobRecord | undefined> {
    const update = jobUpdateFrom(body, redact);
    if (!update) return undefined;
    const applied = await storeCall(io, where, "update a job", () => store.updateJob(jobId, update));
    if (!applied.ok || !applied.value) return undefined;
    const { record, changed } = applied.value;
    if (!changed) return record;
    try {
      await hub.publish(record);
    } catch (error) {
      report(where, "The store could not pass a job update on to the streams.", error);
    }
    // `changed` is true once per ending, across instances: the hand-over becomes due now. Put
    // in even when absent: a store that lost its last writes (Redis's append-only file syncs
    // once a second) may have lost the entry; a job already handed over finds its done mark.
    // The ending is seen once, so a store that fails this write (a restart) must not leave the
    // hand-over waiting for the job's deadline: the write is kept and tried again until it lands.
    if (onJobFinished && isTerminalStatus(record.status)) {
      await pending.keep({
        key: `finish:${jobId}`,
        write: async () => {
          await store.schedule(FINISH, jobId, now());
          wake();
        },
        until: deadlineOf(record),
        onFailure: (error) => report(where, "The store could not queue a hand-over; it is tried again.", error),
      });
    }
    return record;
  }

  /** One upstream read of a job, then its next turn on the schedule (or none). */
  async function poll(jobId: string): Promise<void> {
    const where = watchOf(jobId);
    const found = await storeCall(io, where, "read a job", () => store.getJob(jobId));
    if (!found.ok) return;
    const record = found.value;
    const stop = () => {
      failures.delete(jobId);
      return storeCall(io, where, "stop a watch", () => store.unschedule(POLL, jobId));
    };
    // Stopped before the job ended: its streams would wait for news that never comes; they end,
    // and the browser falls back to polling, which tells why.
    const giveUp = async () => {
      await stop();
      await hub
        .stopped(jobId)
        .catch((error: unknown) =>
          report(where, "The store could not tell the streams that the watch stopped.", error),
        );
    };
    if (!record) return giveUp();
    if (isTerminalStatus(record.status)) return void (await stop());

    const result = await deps.readUpstream(jobId);
    const failure = failureOf(result);
    if (budget && failure?.status === 429) await budget.rateLimited(failure.retryAfterMs);
    let latest = record;
    if (!failure && result.kind === "answered") latest = (await apply(where, jobId, answeredJson(result))) ?? record;
    const outcome = afterRead({ ...latest, failures: failures.get(jobId) ?? 0, failure }, now(), settings);
    if (outcome.kind === "ended") return void (await stop());
    if (outcome.kind === "give-up") {
      if (outcome.refusal)
        report(
          where,
          `The server watch stopped: the upstream answered ${outcome.refusal.status ?? outcome.refusal.code}.`,
        );
      return giveUp();
    }
    // Only failures are counted: another instance may take the job's next turns and its end.
    if (outcome.failures) failures.set(jobId, outcome.failures);
    else failures.delete(jobId);
    await storeCall(io, where, "schedule a watch", () => store.schedule(POLL, jobId, outcome.at));
  }

  /** Due reads, each only with a read of the budget (when there is one). */
  async function claimPolls(at: number): Promise<string[]> {
    if (!budget) return store.claimDue(POLL, at, settings.leaseMs, CLAIM_LIMIT);
    if (at < budgetSpentUntil) return [];
    const claimed = await claimWithinBudget(store, budget, POLL, at, settings.leaseMs, CLAIM_LIMIT);
    budgetSpentUntil = claimed.spentUntil ?? 0;
    return claimed.jobIds;
  }

  /**
   * One look for due work on this instance; the loop then plans the next one: when the earliest
   * queued work is due (at most `MAX_SLEEP_MS` away), or none at all once the queues are empty
   * and no stream is open here (any request wakes it again).
   */
  async function look(): Promise<void> {
    let next: number | undefined = now() + settings.tickMs;
    try {
      const at = now();
      // Each queue claimed on its own: a failed claim of one leaves the other's work running.
      const failedClaim = (queue: string) => (error: unknown) => {
        report({ method: "WATCH", path: `(${queue})` }, "Claiming due work failed; trying again.", error);
        return [];
      };
      const [polls, finishes] = await Promise.all([
        claimPolls(at).catch(failedClaim(POLL)),
        finish ? store.claimDue(FINISH, at, FINISH_LEASE_MS, CLAIM_LIMIT).catch(failedClaim(FINISH)) : [],
      ]);
      // Each runs on its own, and its claim keeps it from being taken twice: an app's
      // onJobFinished may take minutes (a video to copy), and one slow upstream read (up to
      // the timeout) holds up no other job's watch. A read done wakes the look, which then
      // sleeps until the next due turn, the one that read has just queued.
      for (const jobId of finishes) {
        void finish!(jobId).catch((error: unknown) =>
          report({ method: "FINISH", path: jobPath(jobId) }, "A hand-over failed.", error),
        );
      }
      for (const jobId of polls) {
        void poll(jobId)
          .catch((error: unknown) => report(watchOf(jobId), "A read failed.", error))
          .finally(wake);
      }
      // Reads wait for the budget to free up; hand-overs do not.
      const pollDue = async () => {
        const due = await store.nextDue(POLL);
        return due === undefined ? undefined : Math.max(due, budgetSpentUntil);
      };
      const due = (await Promise.all([pollDue(), finish ? store.nextDue(FINISH) : undefined])).filter(
        (when) => when !== undefined,
      );
      next = due.length ? Math.min(...due) : hub.listeners > 0 ? now() + MAX_SLEEP_MS : undefined;
    } catch (error) {
      report({ method: "WATCH", path: "(due work)" }, "Looking for due work failed; trying again.", error);
    } finally {
      send({ type: "looked", now: now(), next });
    }
  }

  async function watched(record: KlingJobRecord): Promise<void> {
    // Not before the schedule's first read: a job just submitted is not asked about at once.
    const at = Math.max(now(), record.createdAt + settings.polling.initialDelayMs);
    await storeCall(io, watchOf(record.jobId), "schedule a watch", () =>
      store.schedule(POLL, record.jobId, at, { only: "absent" }),
    );
    wake();
  }

  return {
    hub,
    apply,
    wake,
    async accepted(record) {
      const where = watchOf(record.jobId);
      // Throws when the store did not take it, so that the submit's kept write tries again:
      // a job never queued would never be handed over.
      let failed = false;
      if (finish) {
        // The backstop: due at the job's deadline, moved to "now" when it ends earlier; a job the
        // submit's answer already ended is due now (no later read will tell of its ending).
        const dueAt = isTerminalStatus(record.status) ? now() : deadlineOf(record);
        const queued = await storeCall(io, where, "queue a hand-over", () =>
          store.schedule(FINISH, record.jobId, dueAt, { only: "absent" }),
        );
        failed ||= !queued.ok;
      }
      if (watchAll) {
        const firstRead = record.createdAt + settings.polling.initialDelayMs;
        const queued = await storeCall(io, where, "schedule a watch", () =>
          store.schedule(POLL, record.jobId, firstRead, { only: "absent" }),
        );
        failed ||= !queued.ok;
      }
      wake();
      if (failed) throw new Error(`The store did not queue the watch of ${record.jobId}.`);
    },
    watched,
    async refresh(jobId) {
      const where = watchOf(jobId);
      // Over the budget: the nudge becomes a turn due now, read when the budget allows.
      if (budget && !(await budget.take()).ok) {
        await storeCall(io, where, "schedule a watch", () => store.schedule(POLL, jobId, now()));
        return wake();
      }
      const result = await deps.readUpstream(jobId);
      const body = result.kind === "answered" && result.status === 200 ? answeredJson(result) : undefined;
      if (body !== undefined) await apply(where, jobId, body);
    },
  };
}
