// `react-kling-edit/server/redis`: the store for several proxy instances, over the app's own
// node-redis client (one node, or a cluster). The only module of the library that talks to
// Redis; it imports nothing of the `redis` package itself (the client is the app's), so it adds
// no dependency.
import { TERMINAL_JOB_STATUSES } from "../../core/types";
import type { KlingHistoryCursor, KlingJobRecord, KlingStore } from "../store/types";
import { connectionOf, isCluster, type RedisClientLike, type RedisClusterLike } from "./connection";
import { redisKeys } from "./keys";
import { redisPubSub } from "./pubsub";
import { redisQueues } from "./queues";
import { redisQuotas } from "./quotas";
import { fields, text } from "./reply";
import { ACQUIRE_LEASE, CREATE_RECORD, INDEX_JOB, RELEASE_LEASE, UPDATE_JOB } from "./scripts";

export type { RedisClientLike, RedisClusterLike, RedisSubscriberLike } from "./connection";
export { QUEUE_SHARDS } from "./keys";

export interface RedisStoreOptions {
  /** Put before every key and channel, so that several apps can share one Redis. Default `"kling"`. */
  prefix?: string;
  /** Errors of the pub/sub connection (it reconnects by itself). Default: `console.error`. */
  onError?: (error: Error) => void;
  /** Whether the client is a cluster client. Default: told by the client itself (`createCluster` clients have `masters`). */
  cluster?: boolean;
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

/** A WITHSCORES reply as [member, score] pairs: flat in RESP2, nested in RESP3. */
const scored = (reply: unknown): Array<[string, number]> => {
  const flat = (Array.isArray(reply) ? reply : []).flat();
  const out: Array<[string, number]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([text(flat[i]), Number(text(flat[i + 1]))]);
  return out;
};

/**
 * A `KlingStore` in Redis, for any number of proxy instances: ownership, history, per-user
 * quotas (spend, uploads, open streams: one Lua script per check-and-take), the upstream budget,
 * leases and event fan-out (pub/sub) all hold across them. Takes the app's own connected
 * node-redis client: `createClient().connect()` (standalone Redis, or a primary with replicas)
 * or `createCluster({ rootNodes }).connect()` (Redis Cluster, Valkey cluster, ElastiCache
 * Serverless, Memorystore Cluster; Redis 7 or later, for sharded pub/sub). Every script touches
 * keys of one slot (see keys.ts for the scheme); keys expire with their jobs.
 */
export function createRedisStore(
  client: RedisClientLike | RedisClusterLike,
  options: RedisStoreOptions = {},
): RedisKlingStore {
  const prefix = options.prefix ?? "kling";
  const onError = options.onError ?? ((error: Error) => console.error("[react-kling-edit redis store]", error));
  const key = redisKeys(prefix);
  const connection = connectionOf(client, options.cluster ?? isCluster(client));
  const { run, send } = connection;
  const pubsub = redisPubSub(connection, () => client.duplicate(), key.channel, onError);
  const getJob = async (jobId: string) => recordOf(fields(await send(key.job(jobId), ["HGETALL", key.job(jobId)])));

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
      // Three keys of three slots, so three steps, each safe on its own and in this order: the
      // record first, then what points at it. A failure in between leaves a record without its
      // index entry or token (the call rejects, and the proxy writes it again), never an index
      // entry without a record that readers cannot skip (they skip those: jobs expire too).
      await run(CREATE_RECORD, [key.job(record.jobId)], [ttl, ...Object.entries(values).flat()]);
      const token = record.webhookToken ? key.token(record.webhookToken) : undefined;
      await Promise.all([
        run(INDEX_JOB, [key.owner(record.owner)], [ttl, record.createdAt, record.jobId]),
        token && send(token, ["SET", token, record.jobId, "PX", String(ttl)]),
      ]);
    },
    getJob,
    async updateJob(jobId, { status, output, error }) {
      const reply = await run(
        UPDATE_JOB,
        [key.job(jobId)],
        [status, outputField(output), error ?? "", ...TERMINAL_JOB_STATUSES],
      );
      if (!Array.isArray(reply)) return undefined;
      const [changed, ...rest] = reply;
      const record = recordOf(fields(rest));
      return record && { record, changed: Number(changed) === 1 };
    },
    async listJobs(owner, { limit, before }: { limit: number; before?: KlingHistoryCursor }) {
      // The index and the records live in different slots: read a page of the index, then the
      // records; an entry whose record is gone (expired) is dropped from the index and skipped.
      const index = key.owner(owner);
      const out: KlingJobRecord[] = [];
      let offset = 0;
      while (out.length < limit) {
        const max = before ? String(before.createdAt) : "+inf";
        const batch = scored(
          await send(index, [
            "ZRANGE",
            index,
            max,
            "-inf",
            "BYSCORE",
            "REV",
            "LIMIT",
            String(offset),
            String(limit),
            "WITHSCORES",
          ]),
        );
        if (batch.length === 0) break;
        const wanted = batch.filter(([member, score]) => !before || score < before.createdAt || member < before.jobId);
        const records = await Promise.all(wanted.map(([member]) => getJob(member)));
        const gone = wanted.filter((_, i) => !records[i]).map(([member]) => member);
        if (gone.length) await send(index, ["ZREM", index, ...gone]);
        for (const record of records) if (record && out.length < limit) out.push(record);
        // Entries dropped from the index shift the later ones back: the next batch starts that much sooner.
        offset += batch.length - gone.length;
        if (batch.length < limit) break;
      }
      return out;
    },
    async findJobByWebhookToken(token) {
      return text(await send(key.token(token), ["GET", key.token(token)])) || undefined;
    },
    ...redisQuotas(connection, key),
    async acquireLease(name, holder, ttlMs) {
      return Number(await run(ACQUIRE_LEASE, [key.lease(name)], [holder, Math.max(1, Math.round(ttlMs))])) === 1;
    },
    async releaseLease(name, holder) {
      await run(RELEASE_LEASE, [key.lease(name)], [holder]);
    },
    ...redisQueues(connection, key),
    publish: pubsub.publish,
    subscribe: pubsub.subscribe,
    close: pubsub.close,
  };
}

export type { KlingStore } from "../store/types";
