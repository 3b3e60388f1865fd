// The Redis store's event fan-out: one subscription per channel on the store's own pub/sub
// connection, shared by this store's listeners. On a cluster, sharded pub/sub (SSUBSCRIBE and
// SPUBLISH, Redis 7): a channel lives on the node of its slot, instead of every message being
// broadcast to every node.
import type { KlingStore } from "../store/types";
import type { Connection, RedisSubscriberLike } from "./connection";

export interface PubSub extends Pick<KlingStore, "publish" | "subscribe"> {
  close(): Promise<void>;
}

export function redisPubSub(
  connection: Connection,
  duplicate: () => RedisSubscriberLike,
  channelKey: (name: string) => string,
  onError: (error: Error) => void,
): PubSub {
  const sharded = connection.cluster;
  let subscriber: Promise<RedisSubscriberLike> | undefined;
  // `ready` settles once Redis confirmed the subscription, so that no listener is told
  // "subscribed" before messages can arrive.
  const channels = new Map<string, { listeners: Set<(message: string) => void>; ready: Promise<unknown> }>();
  // Channels whose UNSUBSCRIBE is on its way: a new subscription to one waits for it.
  const leaving = new Map<string, Promise<void>>();
  const connectSubscriber = () => {
    if (subscriber) return subscriber;
    const connecting = (async () => {
      const connection = duplicate();
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
  const listen = (connection: RedisSubscriberLike, name: string, deliver: (message: string) => void) =>
    sharded && connection.sSubscribe ? connection.sSubscribe(name, deliver) : connection.subscribe(name, deliver);
  const unlisten = (connection: RedisSubscriberLike, name: string) =>
    sharded && connection.sUnsubscribe ? connection.sUnsubscribe(name) : connection.unsubscribe(name);

  return {
    async publish(channel, message) {
      const name = channelKey(channel);
      await connection.send(name, [sharded ? "SPUBLISH" : "PUBLISH", name, message]);
    },
    async subscribe(channel, listener) {
      const name = channelKey(channel);
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
        entry = {
          listeners: set,
          ready: after.then(connectSubscriber).then((connection) => listen(connection, name, deliver)),
        };
        channels.set(name, entry);
        entry.ready.catch(() => channels.get(name) === entry && channels.delete(name));
      }
      entry.listeners.add(own);
      await entry.ready;
      return async () => {
        const current = channels.get(name);
        if (!current?.listeners.delete(own) || current.listeners.size > 0) return;
        channels.delete(name);
        const unsubscribed = connectSubscriber().then((connection) => unlisten(connection, name));
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
