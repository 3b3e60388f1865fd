// The Redis store's due queues, each split into QUEUE_SHARDS sorted sets (see keys.ts) so that
// a busy queue spreads over a cluster's slots. A member always lives in the shard its hash
// names; a claim reads the due heads of every shard, takes the earliest due across them all
// (the member that waited longest goes first, whatever its shard), then moves each of those to
// `now + lease` in one script per shard, skipping any another instance took meanwhile.
import type { KlingStore } from "../store/types";
import type { Connection } from "./connection";
import { QUEUE_SHARDS, shardOf, type RedisKeys } from "./keys";
import { text, type Reply } from "./reply";

export type RedisQueues = Pick<KlingStore, "schedule" | "claimDue" | "unschedule" | "nextDue">;

/**
 * KEYS: one queue shard (members scored by due time). ARGV: now, lease ms, limit. Takes the
 * earliest due members and moves each to now + lease, in one step; returns them.
 */
export const CLAIM_DUE = `
local due = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, ARGV[3])
for i = 1, #due do redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), due[i]) end
return due
`;

/** A WITHSCORES reply as [member, score] pairs: flat in RESP2, nested in RESP3. */
function pairs(reply: Reply): Array<[string, number]> {
  const flat = (Array.isArray(reply) ? reply : []).flat();
  const out: Array<[string, number]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([text(flat[i]), Number(text(flat[i + 1]))]);
  return out;
}

const shards = Array.from({ length: QUEUE_SHARDS }, (_, n) => n);

export function redisQueues({ send, run }: Connection, key: RedisKeys): RedisQueues {
  const keyOf = (name: string, member: string) => key.queue(name, shardOf(member));
  return {
    async schedule(name, member, dueAt, { only } = {}) {
      const condition = only === "absent" ? ["NX"] : only === "present" ? ["XX"] : [];
      const queue = keyOf(name, member);
      await send(queue, ["ZADD", queue, ...condition, String(dueAt), member]);
    },
    async claimDue(name, now, leaseMs, limit) {
      const lease = Math.max(1, Math.round(leaseMs));
      const taken: Array<{ member: string; dueAt: number }> = [];
      // Another instance may take some of what a round saw: then another round, until this
      // caller has its `limit` or nothing due is left.
      while (taken.length < limit) {
        const wanted = limit - taken.length;
        const heads = await Promise.all(
          shards.map(async (shard) => {
            const queue = key.queue(name, shard);
            const due = await send(queue, [
              "ZRANGE",
              queue,
              "-inf",
              String(now),
              "BYSCORE",
              "LIMIT",
              "0",
              String(wanted),
              "WITHSCORES",
            ]);
            return pairs(due).map(([member, dueAt]) => ({ shard, member, dueAt }));
          }),
        );
        const earliest = heads
          .flat()
          .sort((a, b) => a.dueAt - b.dueAt || (a.member < b.member ? -1 : 1))
          .slice(0, wanted);
        if (earliest.length === 0) break;
        const due = new Map(earliest.map((one) => [one.member, one.dueAt]));
        const rounds = await Promise.all(
          shards.map(async (shard) => {
            const count = earliest.filter((one) => one.shard === shard).length;
            if (count === 0) return [];
            const reply = await run(CLAIM_DUE, [key.queue(name, shard)], [now, lease, count]);
            // A member seen in no head came due in between: it is older than anything later.
            return (Array.isArray(reply) ? reply : [])
              .map(text)
              .map((member) => ({ member, dueAt: due.get(member) ?? now }));
          }),
        );
        const round = rounds.flat();
        taken.push(...round);
        if (round.length === earliest.length) break;
      }
      return taken.sort((a, b) => a.dueAt - b.dueAt).map((one) => one.member);
    },
    async unschedule(name, member) {
      const queue = keyOf(name, member);
      await send(queue, ["ZREM", queue, member]);
    },
    async nextDue(name) {
      const heads = await Promise.all(
        shards.map((shard) => {
          const queue = key.queue(name, shard);
          return send(queue, ["ZRANGE", queue, "0", "0", "WITHSCORES"]).then(pairs);
        }),
      );
      const due = heads.flat().map(([, dueAt]) => dueAt);
      return due.length ? Math.min(...due) : undefined;
    },
  };
}
