import { isTerminalStatus } from "../../core/types";
import { judgeSpend, judgeUpload, type WindowEntry } from "./windows";
import type { KlingHistoryCursor, KlingJobRecord, KlingStore } from "./types";

export interface MemoryStoreOptions {
  /** The store's clock (expiry, leases). Default `Date.now`. */
  now?: () => number;
}

/** Expired records are swept at most this often, on writes. */
const SWEEP_EVERY_MS = 60_000;

const newer = (a: KlingHistoryCursor, b: KlingHistoryCursor) =>
  a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.jobId > b.jobId;

const copy = (record: KlingJobRecord): KlingJobRecord => structuredClone(record);

/**
 * The default store: everything in this process's memory. Enough for one instance; a restart
 * forgets ownership and history (jobs submitted before it then answer 404) and spend windows.
 * Several proxies in one process may share one. For several instances use the Redis store.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Required<KlingStore> {
  // Read per call, so that a clock replaced later (fake timers in an app's tests) is honoured.
  const now = options.now ?? (() => Date.now());
  const jobs = new Map<string, KlingJobRecord>();
  const byOwner = new Map<string, Set<string>>();
  const tokens = new Map<string, string>();
  // Per user: reservations oldest first, their sum, and the window they were last judged by.
  type Account = { entries: WindowEntry[]; used: number; windowMs: number };
  const spend = new Map<string, Account>();
  const uploads = new Map<string, Account>();
  // Per user: each open stream's place and when it expires.
  const streams = new Map<string, Map<string, number>>();
  const leases = new Map<string, { holder: string; until: number }>();
  // Per budget: when its requests were taken (oldest first), and until when it is held.
  const budgets = new Map<string, { taken: number[]; holdUntil: number }>();
  const budget = (name: string) => {
    if (!budgets.has(name)) budgets.set(name, { taken: [], holdUntil: 0 });
    return budgets.get(name)!;
  };
  const channels = new Map<string, Set<(message: string) => void>>();
  const queues = new Map<string, Map<string, number>>();
  const queue = (name: string) => {
    if (!queues.has(name)) queues.set(name, new Map());
    return queues.get(name)!;
  };
  let sweptAt = now();

  const expired = (record: KlingJobRecord) => Date.parse(record.expiresAt) <= now();
  const forget = (record: KlingJobRecord) => {
    jobs.delete(record.jobId);
    const owned = byOwner.get(record.owner);
    owned?.delete(record.jobId);
    // A user who comes no more leaves nothing behind.
    if (owned?.size === 0) byOwner.delete(record.owner);
    if (record.webhookToken) tokens.delete(record.webhookToken);
  };
  const live = (jobId: string) => {
    const record = jobs.get(jobId);
    if (record && expired(record)) forget(record);
    return record && jobs.get(jobId);
  };
  const sweep = () => {
    if (now() - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = now();
    for (const record of jobs.values()) if (expired(record)) forget(record);
    for (const [name, lease] of leases) if (lease.until <= sweptAt) leases.delete(name);
    // Accounts whose every reservation has left its window count nothing any more.
    for (const accounts of [spend, uploads]) {
      for (const [user, account] of accounts) {
        const newest = account.entries.at(-1);
        if (!newest || newest.at + account.windowMs <= sweptAt) accounts.delete(user);
      }
    }
    for (const user of streams.keys()) liveStreams(user, sweptAt);
  };
  // The caller's clock decides the window (as in every store), not the store's own. Only what
  // leaves the window is looked at.
  const window = (accounts: Map<string, Account>, user: string, windowMs: number, at: number) => {
    let account = accounts.get(user);
    if (!account) accounts.set(user, (account = { entries: [], used: 0, windowMs }));
    account.windowMs = windowMs;
    const { entries } = account;
    let gone = 0;
    while (gone < entries.length && entries[gone]!.at <= at - windowMs) account.used -= entries[gone++]!.amount;
    if (gone) entries.splice(0, gone);
    return account;
  };
  const reserve = (account: Account, amount: number, at: number) => {
    const id = crypto.randomUUID();
    // Kept in time order, whatever order the callers' clocks arrive in.
    let index = account.entries.length;
    while (index > 0 && account.entries[index - 1]!.at > at) index--;
    account.entries.splice(index, 0, { id, at, amount });
    account.used += amount;
    return id;
  };
  // A user's places that are still live at `at`; the user is forgotten once none is.
  const liveStreams = (user: string, at: number) => {
    const places = streams.get(user) ?? new Map<string, number>();
    for (const [id, until] of places) if (until <= at) places.delete(id);
    if (places.size === 0) streams.delete(user);
    return places;
  };

  return {
    async createJob(record) {
      sweep();
      jobs.set(record.jobId, copy(record));
      if (!byOwner.has(record.owner)) byOwner.set(record.owner, new Set());
      byOwner.get(record.owner)!.add(record.jobId);
      if (record.webhookToken) tokens.set(record.webhookToken, record.jobId);
    },
    async getJob(jobId) {
      const record = live(jobId);
      return record && copy(record);
    },
    async updateJob(jobId, { status, output, error }) {
      const record = live(jobId);
      if (!record) return undefined;
      const same =
        record.status === status && JSON.stringify(record.output) === JSON.stringify(output) && record.error === error;
      if (same || (isTerminalStatus(record.status) && !isTerminalStatus(status)))
        return { record: copy(record), changed: false };
      Object.assign(record, { status, output, error, version: record.version + 1 });
      if (output === undefined) delete record.output;
      if (error === undefined) delete record.error;
      return { record: copy(record), changed: true };
    },
    async listJobs(owner, { limit, before }) {
      const records = [...(byOwner.get(owner) ?? [])].map(live).filter((record): record is KlingJobRecord => !!record);
      return records
        .filter((record) => !before || newer(before, record))
        .sort((a, b) => (newer(a, b) ? -1 : 1))
        .slice(0, limit)
        .map(copy);
    },
    async findJobByWebhookToken(token) {
      const jobId = tokens.get(token);
      return jobId && live(jobId) ? jobId : undefined;
    },
    async reserveCredits(user, credits, limit, at) {
      sweep();
      const account = window(spend, user, limit.windowMs, at);
      const verdict = judgeSpend(account.entries, account.used, credits, limit, at);
      return verdict.ok ? { ok: true, id: reserve(account, credits, at) } : verdict;
    },
    async settleCredits(user, reservationId, credits) {
      const account = spend.get(user);
      // Recent reservations are the ones settled: searched from the newest.
      const index = account ? account.entries.findLastIndex((one) => one.id === reservationId) : -1;
      if (!account || index < 0) return;
      const entry = account.entries[index]!;
      account.used += Math.max(0, credits) - entry.amount;
      if (credits > 0) entry.amount = credits;
      else account.entries.splice(index, 1);
    },
    async reserveUpload(user, bytes, limit, at) {
      sweep();
      const account = window(uploads, user, limit.windowMs, at);
      const verdict = judgeUpload(account.entries, account.used, bytes, limit, at);
      return verdict.ok ? { ok: true, id: reserve(account, bytes, at) } : verdict;
    },
    async releaseUpload(user, reservationId) {
      const account = uploads.get(user);
      const index = account ? account.entries.findLastIndex((one) => one.id === reservationId) : -1;
      if (!account || index < 0) return;
      account.used -= account.entries[index]!.amount;
      account.entries.splice(index, 1);
    },
    async acquireStreamSlot(user, streamId, limit, ttlMs, at) {
      sweep();
      const places = liveStreams(user, at);
      if (places.size >= limit && !places.has(streamId)) return false;
      places.set(streamId, at + ttlMs);
      streams.set(user, places);
      return true;
    },
    async releaseStreamSlot(user, streamId) {
      const places = streams.get(user);
      places?.delete(streamId);
      if (places?.size === 0) streams.delete(user);
    },
    async acquireLease(name, holder, ttlMs) {
      sweep();
      const lease = leases.get(name);
      if (lease && lease.holder !== holder && lease.until > now()) return false;
      leases.set(name, { holder, until: now() + ttlMs });
      return true;
    },
    async releaseLease(name, holder) {
      if (leases.get(name)?.holder === holder) leases.delete(name);
    },
    async schedule(name, member, dueAt, { only } = {}) {
      const due = queue(name);
      if (only === undefined || (only === "present") === due.has(member)) due.set(member, dueAt);
    },
    async claimDue(name, at, leaseMs, limit) {
      const due = [...queue(name)]
        .filter(([, dueAt]) => dueAt <= at)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit);
      for (const [member] of due) queue(name).set(member, at + leaseMs);
      return due.map(([member]) => member);
    },
    async unschedule(name, member) {
      queue(name).delete(member);
    },
    async nextDue(name) {
      let earliest: number | undefined;
      for (const dueAt of queue(name).values()) if (earliest === undefined || dueAt < earliest) earliest = dueAt;
      return earliest;
    },
    async takeBudget(name, limit, at) {
      const one = budget(name);
      if (one.holdUntil > at) return { ok: false, retryAfterMs: Math.ceil(one.holdUntil - at) };
      // The same window as the Redis store's: requests taken after `at - windowMs` count.
      while (one.taken.length && one.taken[0]! <= at - limit.windowMs) one.taken.shift();
      if (one.taken.length < limit.requests) {
        one.taken.push(at);
        return { ok: true };
      }
      const freeing = one.taken[one.taken.length - limit.requests]!;
      return { ok: false, retryAfterMs: Math.max(1, Math.ceil(freeing + limit.windowMs - at)) };
    },
    async holdBudget(name, until) {
      const one = budget(name);
      one.holdUntil = Math.max(one.holdUntil, until);
    },
    async publish(channel, message) {
      for (const listener of [...(channels.get(channel) ?? [])]) {
        try {
          listener(message);
        } catch {
          // One subscriber's failure is its own; the others still get the message.
        }
      }
    },
    async subscribe(channel, listener) {
      if (!channels.has(channel)) channels.set(channel, new Set());
      // Wrapped, so that the same function subscribed twice is two subscriptions.
      const own = (message: string) => listener(message);
      channels.get(channel)!.add(own);
      return async () => {
        const set = channels.get(channel);
        set?.delete(own);
        if (set?.size === 0) channels.delete(channel);
      };
    },
  };
}
