// The Redis store's key scheme. Every key a script (or a command) touches at once carries the
// same hash tag, the `{…}` part Redis Cluster hashes to pick a slot, so that each step runs on one
// node of a cluster; on a single node the tags are just part of the names.
//
//   {prefix}:job:{j:<jobId>}            a job's record (hash): read by id alone, no owner needed
//   {prefix}:webhook:<token>            a webhook token -> its job id (one key, its own slot)
//   {prefix}:jobs:{u:<user>}            the user's history index (job ids by createdAt)
//   {prefix}:spend:{u:<user>}           spend reservations, and {prefix}:spend-amounts:{u:<user>}
//   {prefix}:uploads:{u:<user>}         upload reservations, and {prefix}:upload-sizes:{u:<user>}
//   {prefix}:streams:{u:<user>}         the user's open event streams
//   {prefix}:lease:<name>               one lease (one key, its own slot)
//   {prefix}:queue:{q:<name>:<n>}       due queue `name`, shard n of QUEUE_SHARDS
//   {prefix}:budget:{b:<name>}          a shared upstream budget, and {prefix}:budget-hold:{b:<name>}
//   {prefix}:events:<channel>           a pub/sub channel (sharded pub/sub on a cluster)
//
// The id sits last inside its tag, so that no two ids share a key whatever characters they
// hold; an id with a `}` in it shortens its tag, but alike for all keys of that id.

/**
 * Each due queue is split into this many sorted sets by a hash of the member, so that a busy
 * queue spreads over the cluster's slots (and nodes) instead of loading one; a claim reads all.
 */
export const QUEUE_SHARDS = 16;

/** FNV-1a: a cheap, stable hash of a member, for its shard. */
export function shardOf(member: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < member.length; i++) hash = Math.imul(hash ^ member.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % QUEUE_SHARDS;
}

export function redisKeys(prefix: string) {
  const user = (kind: string) => (id: string) => `${prefix}:${kind}:{u:${id}}`;
  return {
    job: (jobId: string) => `${prefix}:job:{j:${jobId}}`,
    token: (token: string) => `${prefix}:webhook:${token}`,
    owner: user("jobs"),
    spend: user("spend"),
    amounts: user("spend-amounts"),
    uploads: user("uploads"),
    sizes: user("upload-sizes"),
    streams: user("streams"),
    lease: (name: string) => `${prefix}:lease:${name}`,
    queue: (name: string, shard: number) => `${prefix}:queue:{q:${name}:${shard}}`,
    budget: (name: string) => `${prefix}:budget:{b:${name}}`,
    hold: (name: string) => `${prefix}:budget-hold:{b:${name}}`,
    channel: (name: string) => `${prefix}:events:${name}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
