import type { KlingJobRecord } from "./store/types";

/**
 * Writes the proxy owes its store after the upstream accepted (and charged) a job: the owner
 * record, the spend settlement. When the store is down, the browser still gets its 202 at once,
 * and this instance keeps each write and tries it again, with growing pauses, until it is
 * written or its job expired, however long the outage lasts while the process lives. (A
 * process that dies meanwhile leaves the browser's signed claim: see claims.ts.) Meanwhile the
 * owner's own status requests to this instance are answered from the kept record.
 */
export interface PendingWrites {
  /**
   * Runs `write` now and, until it succeeds, again later; resolves true once written, false
   * when the first try failed (the write then goes on in the background).
   */
  keep(item: PendingItem): Promise<boolean>;
  /** A job record this instance still owes the store. */
  record(jobId: string): KlingJobRecord | undefined;
  /** How many writes are still owed. */
  readonly size: number;
}

export interface PendingItem {
  /** Unique per write: `job:{id}`, `settle:{id}`. */
  key: string;
  /** The write; it must be safe to run again after a failure or a lost answer. */
  write: () => Promise<void>;
  /** Given up after this time (ms since epoch): the job and its record expired. */
  until: number;
  /** The record it writes, so the owner can be served meanwhile. */
  record?: KlingJobRecord;
  /** Each failed try, for the log. */
  onFailure?: (error: unknown, attempt: number) => void;
}

const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 5_000;

export function createPendingWrites(now: () => number): PendingWrites {
  const owed = new Map<string, PendingItem & { attempt: number; timer?: ReturnType<typeof setTimeout> }>();

  function later(key: string): void {
    const item = owed.get(key);
    if (!item) return;
    if (now() >= item.until) return void owed.delete(key);
    const pause = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.min(item.attempt - 1, 8));
    item.timer = setTimeout(() => void attempt(key), pause);
    // A pending write does not keep a finished process alive; the claim covers that case.
    (item.timer as { unref?: () => void }).unref?.();
  }

  async function attempt(key: string): Promise<boolean> {
    const item = owed.get(key);
    if (!item) return true;
    item.attempt++;
    try {
      // One try at a time: a try the store answers late (a client queueing while disconnected)
      // is waited for, never raced by a second.
      await item.write();
    } catch (error) {
      item.onFailure?.(error, item.attempt);
      later(key);
      return false;
    }
    owed.delete(key);
    return true;
  }

  return {
    keep(item) {
      clearTimeout(owed.get(item.key)?.timer);
      owed.set(item.key, { ...item, attempt: 0 });
      return attempt(item.key);
    },
    record: (jobId) => owed.get(`job:${jobId}`)?.record,
    get size() {
      return owed.size;
    },
  };
}
