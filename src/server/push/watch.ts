import { jobPath } from "../../core/contract";
import { nextPollDelay } from "../../core/schedule";
import { isTerminalStatus } from "../../core/types";
import { storeCall, type ProxyContext, type Where } from "../context";
import { historyItem, jobUpdateFrom } from "../jobs";
import type { PushSettings } from "../options";
import type { KlingJobRecord } from "../store/types";
import { answeredJson } from "../upstream-call";
import { claimWithinBudget, readBudgetOf } from "./budget";
import { createStreamHub, type StreamHub } from "./hub";
import { deadlineOf, failureOf } from "./reads";

/** The due queues: jobs to read upstream, and jobs to hand to `onJobFinished`. */
const POLL = "poll";
const FINISH = "finish";
/** A failed hand-over is tried again this much later (on any instance). */
const FINISH_RETRY_MS = 60_000;
/**
 * Time an instance has for one hand-over before another may take it (it may have died); renewed
 * while the app's call runs, so a long copy keeps it and a dead instance's work moves on soon.
 */
const FINISH_LEASE_MS = 30_000;
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

const watchOf = (jobId: string): Where => ({ method: "WATCH", path: jobPath(jobId) });

export function createServerWatch(ctx: ProxyContext, settings: PushSettings): ServerWatch {
  const { store } = ctx;
  const onJobFinished = ctx.options.onJobFinished;
  // With webhooks or a hand-over, every job is watched from its submit; otherwise only those streamed.
  const watchAll = !!onJobFinished || !!ctx.webhooks;
  // A streamed job still running gets its turn back if the store lost it (emptied by a restart).
  const hub = createStreamHub(
    store,
    settings.heartbeatMs,
    (error) => ctx.emit({ level: "error", event: "watch_failed", method: "WATCH", path: "(stream)", message: "A job update could not be delivered.", error }),
    (record) => void watched(record),
  );
  // `upstreamBudget`: reads taken in turn from the budget shared by every instance.
  const budget = readBudgetOf(ctx);
  let budgetSpentUntil = 0;
  // Failed reads in a row per job, for the backoff (kept per instance: another one starts afresh).
  const failures = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let plannedAt = 0;
  let looking = false;
  // A wake during a look: what it was about may have come after the look read the queues.
  let wokenWhileLooking = false;

  const report = (where: Where, message: string, error?: unknown) =>
    ctx.emit({ level: "error", event: "watch_failed", ...where, message, error });

  async function apply(where: Where, jobId: string, body: unknown): Promise<KlingJobRecord | undefined> {
    const update = jobUpdateFrom(body, ctx.redact);
    if (!update) return undefined;
    const applied = await storeCall(ctx, where, "update a job", () => store.updateJob(jobId, update));
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
    if (onJobFinished && isTerminalStatus(record.status)) {
      await storeCall(ctx, where, "queue a hand-over", () => store.schedule(FINISH, jobId, ctx.now()));
      wake();
    }
    return record;
  }

  /** One upstream read of a job, then its next turn on the schedule (or none). */
  async function poll(jobId: string): Promise<void> {
    const where = watchOf(jobId);
    const found = await storeCall(ctx, where, "read a job", () => store.getJob(jobId));
    if (!found.ok) return;
    const record = found.value;
    const stop = () => {
      failures.delete(jobId);
      return storeCall(ctx, where, "stop a watch", () => store.unschedule(POLL, jobId));
    };
    // Stopped before the job ended: its streams would wait for news that never comes; they end,
    // and the browser falls back to polling, which tells why.
    const giveUp = async () => {
      await stop();
      await hub.stopped(jobId).catch((error: unknown) => report(where, "The store could not tell the streams that the watch stopped.", error));
    };
    if (!record) return giveUp();
    if (isTerminalStatus(record.status)) return void (await stop());

    const result = await ctx.callUpstream({ method: "GET", url: ctx.upstream + jobPath(jobId) });
    const failure = failureOf(result);
    if (budget && failure?.status === 429) await budget.rateLimited(failure.retryAfterMs);
    let now = record;
    if (!failure && result.kind === "answered") now = (await apply(where, jobId, answeredJson(result))) ?? record;
    if (isTerminalStatus(now.status)) return void (await stop());
    if (failure && !failure.isTransient) {
      report(where, `The server watch stopped: the upstream answered ${failure.status ?? failure.code}.`);
      return giveUp();
    }
    const count = failure ? (failures.get(jobId) ?? 0) + 1 : 0;
    // Only failures are counted: another instance may take the job's next turns and its end.
    if (count) failures.set(jobId, count);
    else failures.delete(jobId);
    const at = ctx.now();
    const delay = nextPollDelay(
      { elapsedMs: at - record.createdAt, failures: count, lastError: failure, remainingMs: deadlineOf(record, settings) - at },
      settings.polling,
    );
    if (delay === null) return giveUp();
    await storeCall(ctx, where, "schedule a watch", () => store.schedule(POLL, jobId, at + delay));
  }

  /** Hands a job that ended (or whose deadline passed) to `onJobFinished`, once. */
  async function finish(jobId: string): Promise<void> {
    const where: Where = { method: "FINISH", path: jobPath(jobId) };
    const found = await storeCall(ctx, where, "read a job", () => store.getJob(jobId));
    if (!found.ok) return;
    const record = found.value;
    if (!record) {
      ctx.emit({ level: "error", event: "finish_failed", ...where, message: "The job expired before onJobFinished succeeded; it is given up." });
      return void (await storeCall(ctx, where, "drop a hand-over", () => store.unschedule(FINISH, jobId)));
    }
    const ended = isTerminalStatus(record.status);
    if (!ended && ctx.now() < deadlineOf(record, settings)) {
      // Taken early (its lease passed while the job still ran): back to its deadline.
      return void (await storeCall(ctx, where, "queue a hand-over", () => store.schedule(FINISH, jobId, deadlineOf(record, settings))));
    }
    // The queue entry can be claimed again while a call runs (an ended job's answer that changes,
    // such as a freshly signed output URL, makes it due at once): a lease makes the call itself
    // one at a time on every instance, and is kept once it succeeded, as the mark that it is done.
    const lease = `finish:${jobId}`;
    const holder = crypto.randomUUID();
    const turn = await storeCall(ctx, where, "take a hand-over", () => store.acquireLease(lease, holder, FINISH_LEASE_MS));
    // Taken elsewhere (or done): the claim leaves the entry due again after FINISH_LEASE_MS, in case that instance died.
    if (!turn.ok || !turn.value) return;
    const job = historyItem(ended ? record : { ...record, status: "expired" }, ctx.redact);
    // Renewed a third of the way through each lease, for as long as the call runs.
    const renew = setInterval(() => {
      void store.acquireLease(lease, holder, FINISH_LEASE_MS).catch(() => undefined);
      void store.schedule(FINISH, jobId, ctx.now() + FINISH_LEASE_MS, { only: "present" }).catch(() => undefined);
    }, FINISH_LEASE_MS / 3);
    (renew as { unref?: () => void }).unref?.();
    try {
      await onJobFinished!(job, record.owner);
    } catch (error) {
      clearInterval(renew);
      ctx.emit({ level: "error", event: "finish_failed", ...where, message: `onJobFinished threw; it is tried again in ${FINISH_RETRY_MS / 1000} s.`, error });
      await storeCall(ctx, where, "queue a hand-over", () => store.schedule(FINISH, jobId, ctx.now() + FINISH_RETRY_MS));
      return void (await storeCall(ctx, where, "let go of a hand-over", () => store.releaseLease(lease, holder)));
    }
    clearInterval(renew);
    ctx.emit({ level: "info", event: "job_finished", ...where, message: `onJobFinished took the job (${job.status}).` });
    const untilExpiry = Date.parse(record.expiresAt) - ctx.now();
    const keepUntilExpiry = Number.isFinite(untilExpiry) ? Math.max(FINISH_LEASE_MS, untilExpiry) : FINISH_LEASE_MS;
    await storeCall(ctx, where, "mark a hand-over done", () => store.acquireLease(lease, holder, keepUntilExpiry));
    await storeCall(ctx, where, "drop a hand-over", () => store.unschedule(FINISH, jobId));
  }

  /**
   * One look for due work on this instance, then the next one: when the earliest queued work is
   * due (at most `MAX_SLEEP_MS` away), or none at all once the queues are empty and no stream is
   * open here (any request wakes it again).
   */
  async function look(): Promise<void> {
    timer = undefined;
    looking = true;
    let next: number | undefined = ctx.now() + settings.tickMs;
    try {
      const now = ctx.now();
      // Each queue claimed on its own: a failed claim of one leaves the other's work running.
      const claim = (queue: string, leaseMs: number) =>
        store.claimDue(queue, now, leaseMs, CLAIM_LIMIT).catch((error: unknown) => {
          report({ method: "WATCH", path: `(${queue})` }, "Claiming due work failed; trying again.", error);
          return [];
        });
      const claimPolls = async () => {
        if (!budget) return claim(POLL, settings.leaseMs);
        if (now < budgetSpentUntil) return [];
        const claimed = await claimWithinBudget(store, budget, POLL, now, settings.leaseMs, CLAIM_LIMIT);
        budgetSpentUntil = claimed.spentUntil ?? 0;
        return claimed.jobIds;
      };
      const [polls, finishes] = await Promise.all([
        claimPolls().catch((error: unknown) => (report({ method: "WATCH", path: `(${POLL})` }, "Claiming due work failed; trying again.", error), [])),
        onJobFinished ? claim(FINISH, FINISH_LEASE_MS) : [],
      ]);
      // Each runs on its own, and its claim keeps it from being taken twice: an app's
      // onJobFinished may take minutes (a video to copy), and one slow upstream read (up to
      // the timeout) holds up no other job's watch. A read done wakes the look, which then
      // sleeps until the next due turn, the one that read has just queued.
      for (const jobId of finishes) {
        void finish(jobId).catch((error: unknown) => report({ method: "FINISH", path: jobPath(jobId) }, "A hand-over failed.", error));
      }
      for (const jobId of polls) {
        void poll(jobId)
          .catch((error: unknown) => report({ method: "WATCH", path: jobPath(jobId) }, "A read failed.", error))
          .finally(wake);
      }
      // Reads wait for the budget to free up; hand-overs do not.
      const pollDue = async () => {
        const at = await store.nextDue(POLL);
        return at === undefined ? undefined : Math.max(at, budgetSpentUntil);
      };
      const due = (await Promise.all([pollDue(), onJobFinished ? store.nextDue(FINISH) : undefined])).filter((at) => at !== undefined);
      next = due.length ? Math.min(...due) : hub.listeners > 0 ? ctx.now() + MAX_SLEEP_MS : undefined;
    } catch (error) {
      report({ method: "WATCH", path: "(due work)" }, "Looking for due work failed; trying again.", error);
    } finally {
      looking = false;
      if (wokenWhileLooking) next = Math.min(next ?? Infinity, ctx.now() + settings.tickMs);
      wokenWhileLooking = false;
      if (next !== undefined) schedule(Math.min(MAX_SLEEP_MS, Math.max(settings.tickMs, next - ctx.now())));
    }
  }

  function schedule(delay: number) {
    if (timer || looking) return;
    plannedAt = ctx.now() + delay;
    timer = setTimeout(() => void look(), delay);
    // The looks never keep a process alive by themselves.
    (timer as { unref?: () => void }).unref?.();
  }

  async function watched(record: KlingJobRecord): Promise<void> {
    // Not before the schedule's first read: a job just submitted is not asked about at once.
    const at = Math.max(ctx.now(), record.createdAt + settings.polling.initialDelayMs);
    await storeCall(ctx, watchOf(record.jobId), "schedule a watch", () => store.schedule(POLL, record.jobId, at, { only: "absent" }));
    wake();
  }

  /** Makes the next look come within a tick: cheap to call on every request. */
  function wake() {
    if (looking) return void (wokenWhileLooking = true);
    if (timer && plannedAt <= ctx.now() + settings.tickMs) return;
    clearTimeout(timer);
    timer = undefined;
    schedule(settings.tickMs);
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
      if (onJobFinished) {
        // The backstop: due at the job's deadline, moved to "now" when it ends earlier; a job the
        // submit's answer already ended is due now (no later read will tell of its ending).
        const dueAt = isTerminalStatus(record.status) ? ctx.now() : deadlineOf(record, settings);
        const queued = await storeCall(ctx, where, "queue a hand-over", () => store.schedule(FINISH, record.jobId, dueAt, { only: "absent" }));
        failed ||= !queued.ok;
      }
      if (watchAll) {
        const queued = await storeCall(ctx, where, "schedule a watch", () => store.schedule(POLL, record.jobId, record.createdAt + settings.polling.initialDelayMs, { only: "absent" }));
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
        await storeCall(ctx, where, "schedule a watch", () => store.schedule(POLL, jobId, ctx.now()));
        return wake();
      }
      const result = await ctx.callUpstream({ method: "GET", url: ctx.upstream + jobPath(jobId) });
      const body = result.kind === "answered" && result.status === 200 ? answeredJson(result) : undefined;
      if (body !== undefined) await apply(where, jobId, body);
    },
  };
}
