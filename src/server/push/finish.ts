// The hand-over of a job that ended (or whose deadline passed) to the app's `onJobFinished`, once
// across every instance sharing the store.
import { jobPath, type KlingHistoryItem } from "../../core/contract";
import { isTerminalStatus } from "../../core/types";
import { historyItem } from "../jobs";
import { storeCall, type Emit, type Where } from "../store-call";
import type { KlingJobRecord, KlingStore } from "../store/types";

/** The due queue of hand-overs. */
export const FINISH = "finish";
/**
 * Time an instance has for one hand-over before another may take it (it may have died); renewed
 * while the app's call runs, so a long copy keeps it and a dead instance's work moves on soon.
 */
export const FINISH_LEASE_MS = 30_000;
/** A failed hand-over is tried again this much later (on any instance). */
const FINISH_RETRY_MS = 60_000;

export interface HandOverDeps {
  store: KlingStore;
  onJobFinished: (job: KlingHistoryItem, owner: string) => void | Promise<void>;
  /** When the job's watch gives up (the one deadline rule). */
  deadlineOf: (record: KlingJobRecord) => number;
  now: () => number;
  emit: Emit;
  redact: (text: string) => string;
}

/** Hands a job that ended (or whose deadline passed) to `onJobFinished`, once. */
export function createHandOver({ store, onJobFinished, deadlineOf, now, emit, redact }: HandOverDeps) {
  const io = { emit };
  return async function finish(jobId: string): Promise<void> {
    const where: Where = { method: "FINISH", path: jobPath(jobId) };
    const found = await storeCall(io, where, "read a job", () => store.getJob(jobId));
    if (!found.ok) return;
    const record = found.value;
    if (!record) {
      emit({
        level: "error",
        event: "finish_failed",
        ...where,
        message: "The job expired before onJobFinished succeeded; it is given up.",
      });
      return void (await storeCall(io, where, "drop a hand-over", () => store.unschedule(FINISH, jobId)));
    }
    const ended = isTerminalStatus(record.status);
    if (!ended && now() < deadlineOf(record)) {
      // Taken early (its lease passed while the job still ran): back to its deadline.
      return void (await storeCall(io, where, "queue a hand-over", () =>
        store.schedule(FINISH, jobId, deadlineOf(record)),
      ));
    }
    // The queue entry can be claimed again while a call runs (an ended job's answer that changes,
    // such as a freshly signed output URL, makes it due at once): a lease makes the call itself
    // one at a time on every instance, and is kept once it succeeded, as the mark that it is done.
    const lease = `finish:${jobId}`;
    const holder = crypto.randomUUID();
    const turn = await storeCall(io, where, "take a hand-over", () =>
      store.acquireLease(lease, holder, FINISH_LEASE_MS),
    );
    // Taken elsewhere (or done): the claim leaves the entry due again after FINISH_LEASE_MS, in case that instance died.
    if (!turn.ok || !turn.value) return;
    const job = historyItem(ended ? record : { ...record, status: "expired" }, redact);
    // Renewed a third of the way through each lease, for as long as the call runs.
    const renew = setInterval(() => {
      void store.acquireLease(lease, holder, FINISH_LEASE_MS).catch(() => undefined);
      void store.schedule(FINISH, jobId, now() + FINISH_LEASE_MS, { only: "present" }).catch(() => undefined);
    }, FINISH_LEASE_MS / 3);
    (renew as { unref?: () => void }).unref?.();
    try {
      await onJobFinished(job, record.owner);
    } catch (error) {
      clearInterval(renew);
      emit({
        level: "error",
        event: "finish_failed",
        ...where,
        message: `onJobFinished threw; it is tried again in ${FINISH_RETRY_MS / 1000} s.`,
        error,
      });
      await storeCall(io, where, "queue a hand-over", () => store.schedule(FINISH, jobId, now() + FINISH_RETRY_MS));
      return void (await storeCall(io, where, "let go of a hand-over", () => store.releaseLease(lease, holder)));
    }
    clearInterval(renew);
    emit({ level: "info", event: "job_finished", ...where, message: `onJobFinished took the job (${job.status}).` });
    const untilExpiry = Date.parse(record.expiresAt) - now();
    const keepUntilExpiry = Number.isFinite(untilExpiry) ? Math.max(FINISH_LEASE_MS, untilExpiry) : FINISH_LEASE_MS;
    await storeCall(io, where, "mark a hand-over done", () => store.acquireLease(lease, holder, keepUntilExpiry));
    await storeCall(io, where, "drop a hand-over", () => store.unschedule(FINISH, jobId));
  };
}
