// `react-kling-edit/server/redis`: the store for several proxy instances, over the app's own
// node-redis client. The only module of the library that talks to Redis; it imports nothing of
// the `redis` package itself (the client is the app's), so it adds no dependency.
import { TERMINAL_JOB_STATUSES } from "../../core/types";
import type { KlingHistoryCursor, KlingJobRecord, KlingStore } from "../store/types";
import { redisQuotas } from "./quotas";
import { fields, text, type Reply } from "./reply";
import { ACQUIRE_LEASE, CLAIM_DUE, CREATE_JOB, LIST_JOBS, RELEASE_LEASE, UPDATE_JOB } from "./scripts";

/** What the store needs of a node-redis client (v4 to v6): commands, and a second connection for pub/sub. */
export interface RedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
  duplicate(): RedisSubscriberLike;
}

/** The pub/sub connection `duplicate()` makes. */
export interface RedisSubscriberLike {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  on(event: "error", listener: (error: Error) => void): unknown;
  destroy?(): unknown;
  quit?(): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Put before every key and channel, so that several apps can share one Redis. Default `"kling"`. */
  prefix?: string;
  /** Errors of the pub/sub connection (it reconnects by itself). Default: `console.error`. */
  onError?: (error: Error) => void;
}

/** The Redis store, which also lets go of its pub/sub connection. */
export interface RedisKlingStore extends KlingStore {
  /** Closes the store's own pub/sub connection (the app's client stays open). */
  close(): Promise<void>;
}

function recordOf(hash: Record<string, string>): KlingJobRecord | undefined {
  if (!hash.jobId) return undefined;
  const record: KlingJobRecord = {
    jobId: hash.jobId,
    owner: hash.owner ?? "",
    createdAt: Number(hash.createdAt),
    input: JSON.parse(hash.input ?? "{}") as KlingJobRecord["input"],
    expiresAt: hash.expiresAt ?? "",
    status: hash.status ?? "pending",
    version: Number(hash.version),
  };
  if (hash.creditCost) record.creditCost = Number(hash.creditCost);
  if (hash.output) record.output = JSON.parse(hash.output) as KlingJobRecord["output"];
  if (hash.error) record.error = hash.error;
  if (hash.webhookToken) record.webhookToken = hash.webhookToken;
  return record;
}

const outputField = (output: KlingJobRecord["output"]) => (output ? JSON.stringify({ video: output.video }) : "");

/**
 * A `KlingStore` in Redis, for any number of proxy instances: ownership, history, per-user
 * quotas (spend, uploads, open streams: one Lua script per check-and-take), leases and event fan-out (pub/sub) all hold
 * across them. Takes the app's own connected node-redis client (`createClient().connect()`);
 * keys expire with their jobs. Standalone Redis or a primary with replicas (not a cluster).
 */
export function createRedisStore(client: RedisClientLike, options: RedisStoreOptions = {}): RedisKlingStore {
  const prefix = options.prefix ?? "kling";
  const onError = options.onError ?? ((error: Error) => console.error("[react-kling-edit redis store]", error));
  const key = {
    job: (jobId: string) => `${prefix}:job:${jobId}`,
    owner: (owner: string) => `${prefix}:jobs:${owner}`,
    token: (token: string) => `${prefix}:webhook:${token}`,
    lease: (name: string) => `${prefix}:lease:${name}`,
    channel: (name: string) => `${prefix}:events:${name}`,
    queue: (name: string) => `${prefix}:queue:${name}`,
  };

  // Scripts are loaded once and then run by their hash; a Redis that forgot them (a restart,
  // SCRIPT FLUSH) gets them again.
  const hashes = new Map<string, string>();
  async function run(script: string, keys: string[], args: Array<string | number>): Promise<Reply> {
    const argv = [String(keys.length), ...keys, ...args.map(String)];
    let sha = hashes.get(script);
    if (!sha) hashes.set(script, (sha = text(await client.sendCommand(["SCRIPT", "LOAD", script]))));
    try {
      return await client.sendCommand(["EVALSHA", sha, ...argv]);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith("NOSCRIPT")) throw error;
      hashes.delete(script);
      return client.sendCommand(["EVAL", script, ...argv]);
    }
  }

  // One Redis subscription per channel, shared by this store's listeners; `ready` settles once
  // Redis confirmed it, so that no listener is told "subscribed" before messages can arrive.
  let subscriber: Promise<RedisSubscriberLike> | undefined;
  const channels = new Map<string, { listeners: Set<(message: string) => void>; ready: Promise<unknown> }>();
  // Channels whose UNSUBSCRIBE is on its way: a new subscription to one waits for it.
  const leaving = new Map<string, Promise<void>>();
  const connectSubscriber = () => {
    if (subscriber) return subscriber;
    const connecting = (async () => {
      const connection = client.duplicate();
      connection.on("error", onError);
      try {
        await connection.connect();
      } catch (error) {
        // Nothing of it goes on trying in the background.
        try {
          connection.destroy?.();
        } catch {
          // It was never open.
        }
        throw error;
      }
      return connection;
    })();
    // A failed connection is not kept: the next subscription tries again (Redis may be back).
    connecting.catch(() => subscriber === connecting && (subscriber = undefined));
    return (subscriber = connecting);
  };

  return {
    async createJob(record) {
      const ttl = Math.max(1, Date.parse(record.expiresAt) - Date.now());
      const values: Record<string, string> = {
        jobId: record.jobId,
        owner: record.owner,
        createdAt: String(record.createdAt),
        input: JSON.stringify(record.input),
        creditCost: record.creditCost === undefined ? "" : String(record.creditCost),
        expiresAt: record.expiresAt,
        status: record.status,
        output: outputField(record.output),
        error: record.error ?? "",
        version: String(record.version),
        webhookToken: record.webhookToken ?? "",
      };
      const tokenKey = record.webhookToken ? key.token(record.webhookToken) : "";
      await run(CREATE_JOB, [key.job(record.jobId), key.owner(record.owner), tokenKey], [ttl, record.createdAt, record.jobId, ...Object.entries(values).flat()]);
    },
    async getJob(jobId) {
      return recordOf(fields(await client.sendCommand(["HGETALL", key.job(jobId)])));
    },
    async updateJob(jobId, { status, output, error }) {
      const reply = await run(UPDATE_JOB, [key.job(jobId)], [status, outputField(output), error ?? "", ...TERMINAL_JOB_STATUSES]);
      if (!Array.isArray(reply)) return undefined;
      const [changed, ...rest] = reply;
      const record = recordOf(fields(rest));
      return record && { record, changed: Number(changed) === 1 };
    },
    async listJobs(owner, { limit, before }: { limit: number; before?: KlingHistoryCursor }) {
      const reply = await run(LIST_JOBS, [key.owner(owner)], [limit, before ? before.createdAt : "+inf", before?.jobId ?? "", key.job("")]);
      return (Array.isArray(reply) ? reply : []).map((hash) => recordOf(fields(hash))).filter((record): record is KlingJobRecord => !!record);
    },
    async findJobByWebhookToken(token) {
      return text(await client.sendCommand(["GET", key.token(token)])) || undefined;
    },
    ...redisQuotas(run, (args) => client.sendCommand(args), prefix),
    async acquireLease(name, holder, ttlMs) {
      return Number(await run(ACQUIRE_LEASE, [key.lease(name)], [holder, Math.max(1, Math.round(ttlMs))])) === 1;
    },
    async releaseLease(name, holder) {
      await run(RELEASE_LEASE, [key.lease(name)], [holder]);
    },
    async schedule(name, member, dueAt, { only } = {}) {
      const condition = only === "absent" ? ["NX"] : only === "present" ? ["XX"] : [];
      await client.sendCommand(["ZADD", key.queue(name), ...condition, String(dueAt), member]);
    },
    async claimDue(name, now, leaseMs, limit) {
      const reply = await run(CLAIM_DUE, [key.queue(name)], [now, Math.max(1, Math.round(leaseMs)), limit]);
      return (Array.isArray(reply) ? reply : []).map(text);
    },
    async unschedule(name, member) {
      await client.sendCommand(["ZREM", key.queue(name), member]);
    },
    async nextDue(name) {
      const reply = await client.sendCommand(["ZRANGE", key.queue(name), "0", "0", "WITHSCORES"]);
      // RESP2: [member, score]; RESP3: [[member, score]].
      const flat = (Array.isArray(reply) ? reply : []).flat();
      return flat.length >= 2 ? Number(text(flat[1])) : undefined;
    },
    async publish(channel, message) {
      await client.sendCommand(["PUBLISH", key.channel(channel), message]);
    },
    async subscribe(channel, listener) {
      const name = key.channel(channel);
      // Wrapped, so that the same function subscribed twice is two subscriptions.
      const own = (message: string) => listener(message);
      let entry = channels.get(name);
      if (!entry) {
        const set = new Set<(message: string) => void>();
        const deliver = (message: string) => {
          for (const one of [...set]) {
            try {
              one(message);
            } catch (error) {
              onError(error as Error);
            }
          }
        };
        // After the channel's last unsubscribe, if one is on its way: its reply would drop this subscription.
        const after = leaving.get(name) ?? Promise.resolve();
        entry = { listeners: set, ready: after.then(connectSubscriber).then((connection) => connection.subscribe(name, deliver)) };
        channels.set(name, entry);
        entry.ready.catch(() => channels.get(name) === entry && channels.delete(name));
      }
      entry.listeners.add(own);
      await entry.ready;
      return async () => {
        const current = channels.get(name);
        if (!current?.listeners.delete(own) || current.listeners.size > 0) return;
        channels.delete(name);
        const unsubscribed = connectSubscriber().then((connection) => connection.unsubscribe(name));
        const settled = unsubscribed.then(
          () => undefined,
          () => undefined,
        );
        leaving.set(name, settled);
        void settled.then(() => leaving.get(name) === settled && leaving.delete(name));
        await unsubscribed;
      };
    },
    async close() {
      const connection = subscriber && (await subscriber.catch(() => undefined));
      subscriber = undefined;
      channels.clear();
      leaving.clear();
      if (!connection) return;
      if (connection.destroy) connection.destroy();
      else await connection.quit?.();
    },
  };
}

export type { KlingStore } from "../store/types";
