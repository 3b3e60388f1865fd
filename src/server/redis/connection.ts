// One way to send commands and scripts to either kind of node-redis client: a single node
// (`createClient`: `sendCommand(args)`) or a cluster (`createCluster`: `sendCommand(firstKey,
// isReadonly, args)`, routed to the node that serves the key's slot).
import { text, type Reply, type RunScript } from "./reply";

/** What the store needs of a single-node node-redis client (v4 to v6): commands, and a second connection for pub/sub. */
export interface RedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
  duplicate(): RedisSubscriberLike;
}

/** What the store needs of a node-redis cluster client (`createCluster({ rootNodes })`, v5 and v6). */
export interface RedisClusterLike {
  sendCommand(firstKey: string | undefined, isReadonly: boolean | undefined, args: string[]): Promise<unknown>;
  duplicate(): RedisSubscriberLike;
  /** Present on cluster clients only: how the store tells them apart. */
  readonly masters: readonly unknown[];
}

/** The pub/sub connection `duplicate()` makes (sharded pub/sub on a cluster). */
export interface RedisSubscriberLike {
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
  sSubscribe?(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  sUnsubscribe?(channel: string): Promise<unknown>;
  on(event: "error", listener: (error: Error) => void): unknown;
  destroy?(): unknown;
  quit?(): Promise<unknown>;
}

/** A command, with the key that routes it on a cluster (ignored on a single node). */
export type Send = (key: string, args: string[]) => Promise<Reply>;

export interface Connection {
  cluster: boolean;
  send: Send;
  run: RunScript;
}

export function isCluster(client: RedisClientLike | RedisClusterLike): client is RedisClusterLike {
  return "masters" in client;
}

async function sha1(script: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(script));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function connectionOf(client: RedisClientLike | RedisClusterLike, cluster = isCluster(client)): Connection {
  const send: Send = cluster
    ? (key, args) => (client as RedisClusterLike).sendCommand(key, false, args)
    : (_key, args) => (client as RedisClientLike).sendCommand(args);
  // Scripts run by their SHA-1 (computed here, so no SCRIPT LOAD has to reach every node); a
  // node that does not have one yet (a new primary after a failover, a restart, SCRIPT FLUSH)
  // gets it by EVAL, which also caches it there.
  const hashes = new Map<string, Promise<string>>();
  const run: RunScript = async (script, keys, args) => {
    const argv = [String(keys.length), ...keys, ...args.map(String)];
    let sha = hashes.get(script);
    if (!sha) hashes.set(script, (sha = sha1(script)));
    // A script's keys share one slot (see keys.ts): the first routes it.
    const key = keys[0] ?? "";
    try {
      return await send(key, ["EVALSHA", await sha, ...argv]);
    } catch (error) {
      if (!text((error as Error)?.message).startsWith("NOSCRIPT")) throw error;
      return send(key, ["EVAL", script, ...argv]);
    }
  };
  return { cluster, send, run };
}
