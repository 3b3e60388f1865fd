// The same contract over a RESP3 connection (node-redis `RESP: 3`), whose replies are maps and
// nested arrays where RESP2 has flat lists.
import { afterAll, beforeAll } from "vitest";
import { createClient } from "redis";
import { createRedisStore, type RedisKlingStore } from "../../../src/server/redis";
import { startRedis, type TestRedis } from "../../support/redis";
import { storeContract } from "./store-contract";

let redis: TestRedis;
const stores: RedisKlingStore[] = [];
const clients: Array<{ destroy(): void }> = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  for (const client of clients) client.destroy();
  await redis.stop();
});
storeContract("Redis store (RESP3)", {
  async open() {
    const open = async () => {
      const client = createClient({ url: redis.url, RESP: 3 });
      client.on("error", () => undefined);
      await client.connect();
      clients.push(client);
      const store = createRedisStore(client, { onError: () => undefined });
      stores.push(store);
      return store;
    };
    return [await open(), await open()];
  },
});
