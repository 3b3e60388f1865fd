import { afterAll, beforeAll } from "vitest";
import { createRedisStore, type RedisKlingStore } from "../../src/server/redis";
import { startRedis, type TestRedis } from "./redis";

/**
 * A Redis for the tests of one file: started before them, stopped after, with every store it
 * opened closed. `stores(n)` opens n stores on n connections under one fresh prefix: n
 * instances of one app.
 */
export function redisForTests() {
  let redis: TestRedis;
  const opened: RedisKlingStore[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await redis?.stop();
  });
  const open = async (prefix: string) => {
    const store = createRedisStore(await redis.connect(), { prefix, onError: () => undefined });
    opened.push(store);
    return store;
  };
  return {
    open,
    connect: () => redis.connect(),
    async stores(count = 2): Promise<RedisKlingStore[]> {
      const prefix = `app-${Math.random().toString(36).slice(2)}`;
      return Promise.all(Array.from({ length: count }, () => open(prefix)));
    },
  };
}
