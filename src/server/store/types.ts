import type { KlingJobStatus, NormalizedEditInput } from "../../core/types";

/**
 * What the proxy remembers of one accepted job: who submitted it (ownership), what was asked
 * (history) and the last thing the upstream said of it (history, the event stream).
 */
export interface KlingJobRecord {
  jobId: string;
  /** The user who submitted it, as `identify` named them; `""` when the proxy runs with `ownership: false` and no `identify`. */
  owner: string;
  /** When the upstream accepted it, ms since epoch. */
  createdAt: number;
  /** The validated input that was sent upstream. */
  input: NormalizedEditInput;
  /** Credits the upstream reported for it. */
  creditCost?: number;
  /** ISO date after which the upstream forgets the job (and its output URL stops working); the store may forget it then too. */
  expiresAt: string;
  /** The last status the upstream reported. */
  status: KlingJobStatus;
  /** The edited video, once completed. */
  output?: { video?: string };
  /** Why the job failed, as the upstream said. */
  error?: string;
  /** Grows by one on every change of `status`, `output` or `error`: the `id:` of its status events. */
  version: number;
  /** The secret part of the job's webhook URL, when webhooks are on. */
  webhookToken?: string;
}

/** What the upstream says of a job now; applied by `updateJob`. */
export type KlingJobUpdate = Pick<KlingJobRecord, "status" | "output" | "error">;

/** Where a page of history starts: strictly older than this job. */
export interface KlingHistoryCursor {
  createdAt: number;
  jobId: string;
}

/** A spend limit: at most `credits` in any `windowMs` (a sliding window). */
export interface KlingSpendLimit {
  credits: number;
  windowMs: number;
}

export type KlingSpendReservation =
  | { ok: true; id: string }
  /** Over the limit: `retryAfterMs` until enough of the window frees up, absent when this cost never fits. */
  | { ok: false; used: number; retryAfterMs?: number };

/** An upload limit: at most `count` files and `bytes` bytes in any `windowMs` (a sliding window). */
export interface KlingUploadLimit {
  count: number;
  bytes: number;
  windowMs: number;
}

export type KlingUploadReservation =
  | { ok: true; id: string }
  /**
   * Over the limit: the files and bytes the window holds; `retryAfterMs` until enough of it
   * frees up, absent when this file never fits (`bytes` over `limit.bytes`).
   */
  | { ok: false; count: number; bytes: number; retryAfterMs?: number };

/** A budget of upstream requests shared by every instance: at most `requests` in any `windowMs` (a sliding window). */
export interface KlingUpstreamBudget {
  requests: number;
  windowMs: number;
}

/** One request of a budget: taken, or refused with the ms until one frees up (or the hold ends). */
export type KlingBudgetTurn = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Where the proxy keeps what must hold across requests, and across instances for a shared
 * store. The memory store (the default) holds it in one process; `createRedisStore` from
 * `react-kling-edit/server/redis` in Redis, for any number of instances. To write another
 * (Upstash, Postgres, DynamoDB), implement these methods with the guarantees each one states;
 * the proxy needs nothing else. Every method may reject (the store is down): the proxy then
 * answers 500 `internal_error` (or keeps going where nothing depends on it) and logs it.
 */
export interface KlingStore {
  /** Records an accepted job. The store may forget it after `expiresAt`. */
  createJob(record: KlingJobRecord): Promise<void>;
  getJob(jobId: string): Promise<KlingJobRecord | undefined>;
  /**
   * Applies what the upstream said now, atomically across instances: when `status`, `output`
   * or `error` differ from the record's, they are replaced and `version` grows by one
   * (`changed: true`). A job that has ended (see `isTerminalStatus`) never moves back to a
   * running status: a late answer of an earlier read changes nothing. Undefined for an
   * unknown job.
   */
  updateJob(jobId: string, update: KlingJobUpdate): Promise<{ record: KlingJobRecord; changed: boolean } | undefined>;
  /** The owner's jobs, newest first (`createdAt`, then `jobId`, both descending), at most `limit`, strictly after `before`. */
  listJobs(owner: string, page: { limit: number; before?: KlingHistoryCursor }): Promise<KlingJobRecord[]>;
  /** The job whose webhook URL carries this token. */
  findJobByWebhookToken(token: string): Promise<string | undefined>;

  /**
   * Checks and reserves `credits` for `user` in one atomic step: it passes when what the user
   * spent in the last `limit.windowMs` (reservations included) plus `credits` is at most
   * `limit.credits`. Concurrent calls, on any instance, never pass the limit together.
   */
  reserveCredits(user: string, credits: number, limit: KlingSpendLimit, now: number): Promise<KlingSpendReservation>;
  /** Replaces a reservation's amount by what was charged; 0 (or less, which counts as 0) gives it back. Unknown ids are ignored. */
  settleCredits(user: string, reservationId: string, credits: number, limit: KlingSpendLimit): Promise<void>;

  /**
   * Checks and reserves one upload of `bytes` for `user` in one atomic step: it passes when the
   * user's uploads in the last `limit.windowMs`, this one included, are at most `limit.count`
   * files and `limit.bytes` bytes. Concurrent calls, on any instance, never pass the limit
   * together. `now` is the caller's clock, as for `reserveCredits`.
   */
  reserveUpload(user: string, bytes: number, limit: KlingUploadLimit, now: number): Promise<KlingUploadReservation>;
  /** Gives a reservation back (nothing was signed after all). Unknown ids are ignored. */
  releaseUpload(user: string, reservationId: string): Promise<void>;

  /**
   * Takes, or keeps, a place for the event stream `streamId` of `user` in one atomic step, live
   * until `now + ttlMs`: true when the stream holds one (its own was still live at `now`, or
   * fewer than `limit` of the user's places were). Concurrent calls, on any instance, never pass
   * the limit together. The proxy calls it again on every heartbeat of the stream, so a place
   * nobody keeps (its instance died) frees itself once its time has passed, and one a store
   * forgot (a restart) is taken again while there is room.
   */
  acquireStreamSlot(user: string, streamId: string, limit: number, ttlMs: number, now: number): Promise<boolean>;
  /** Frees a place at once. Unknown ones are ignored. */
  releaseStreamSlot(user: string, streamId: string): Promise<void>;

  /**
   * Takes the lease `name` for `holder` for `ttlMs`, or extends it if `holder` has it already.
   * True when `holder` has it now. At most one holder at a time, across instances.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Lets go of a lease, if `holder` has it. */
  releaseLease(name: string, holder: string): Promise<void>;

  /**
   * Puts `member` in the due queue `name`, due at `dueAt` (ms since epoch); a member already
   * there moves. `only: "absent"` leaves a member that is there alone; `only: "present"` moves
   * one that is there and adds none. The server's job watch and its once-per-job hand-over run
   * on these queues, shared by every instance.
   */
  schedule(name: string, member: string, dueAt: number, options?: { only?: "absent" | "present" }): Promise<void>;
  /**
   * Takes up to `limit` members of `name` due by `now`, atomically moving each one's due time
   * to `now + leaseMs`: no other caller, on any instance, takes them meanwhile, and a caller
   * that dies leaves them due again once that time passes.
   */
  claimDue(name: string, now: number, leaseMs: number, limit: number): Promise<string[]>;
  /** Takes `member` out of the queue `name`. */
  unschedule(name: string, member: string): Promise<void>;
  /** When the earliest member of `name` is due (ms since epoch); undefined for an empty queue. */
  nextDue(name: string): Promise<number | undefined>;

  /**
   * Takes one request of the shared budget `name` in one atomic step: it passes when fewer than
   * `budget.requests` were taken in the last `budget.windowMs` (`now` is the caller's clock) and
   * no hold is on. Concurrent calls, on any instance, never pass the budget together. Needed
   * only for `upstreamBudget`; a store without it refuses that option at start-up.
   */
  takeBudget?(name: string, budget: KlingUpstreamBudget, now: number): Promise<KlingBudgetTurn>;
  /** Refuses every request of the budget `name` until `until` (an upstream 429's Retry-After); a later hold wins. */
  holdBudget?(name: string, until: number, now: number): Promise<void>;

  /** Sends `message` to every subscriber of `channel`, on every instance. */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `listener` for every message published on `channel` from now on; resolves once subscribed, to the unsubscribe. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
}
