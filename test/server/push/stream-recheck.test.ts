// Streams never hang on a store that lost something: on every heartbeat the proxy reads each
// streamed job again. A newer version than pub/sub brought is sent, a job the store no longer
// has ends its streams, and a running job whose watch turn was lost gets it back.
import { afterEach, describe, expect, test } from "vitest";
import { createClient } from "redis";
import { createMemoryStore, type KlingJobRecord, type KlingStore } from "../../../src/server";
import { createRedisStore, type RedisKlingStore } from "../../../src/server/redis";
import { startRedis, type TestRedis } from "../../support/redis";
import { instances, jobIdOf } from "../many-users/support";
import { fakeClock, JOB, openStream, run } from "./support";

const BEAT = { push: { heartbeatMs: 1_000 } };

/**
 * A store whose data can be emptied at once, as a Redis restarted without its data: jobs,
 * queues and places live in `data` (replaced by `empty()`), while pub/sub stays connected.
 */
function restartableStore() {
  const bus = createMemoryStore();
  let data = createMemoryStore();
  const store = new Proxy(bus, {
    get(_target, name: keyof KlingStore) {
      const from = name === "publish" || name === "subscribe" ? bus : data;
      return from[name].bind(from);
    },
  });
  return {
    store,
    empty: () => (data = createMemoryStore()),
  };
}

describe("a stream re-reads its job on every heartbeat", () => {
  test("pub/sub messages lost: the stream still hears each change within a heartbeat, and ends", async () => {
    fakeClock();
    const memory = createMemoryStore();
    const deaf: KlingStore = { ...memory, publish: async () => undefined };
    const app = instances([deaf], BEAT, JOB);
    const stream = await openStream(app, "alice", await jobIdOf(await app.submit("alice")));
    await run(20_000, 1_000);
    await stream.ended;
    expect(stream.events.map((event) => [event.id, event.json.status])).toEqual([
      ["1", "pending"],
      ["2", "processing"],
      ["3", "completed"],
    ]);
  });

  test("the store emptied (a restart without its data): the stream ends, so the browser reopens or polls", async () => {
    fakeClock();
    const { store, empty } = restartableStore();
    const app = instances([store], BEAT, { queueMs: 3_000, processingMs: 600_000 });
    const stream = await openStream(app, "alice", await jobIdOf(await app.submit("alice")));
    // The watch's reads at 2 s (pending) and 7 s (processing).
    await run(8_000, 1_000);
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending", "processing"]);
    empty();
    await run(1_000);
    await stream.ended;
    expect(stream.events).toHaveLength(2);
    expect(app.proxies[0]!.openStreams).toBe(0);
  });

  test("the store emptied and the job's record written back: the watch is armed again and the stream ends completed", async () => {
    fakeClock();
    const { store, empty } = restartableStore();
    const app = instances([store], BEAT, JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    const stream = await openStream(app, "alice", jobId);
    await run(1_000);
    const record = (await store.getJob(jobId)) as KlingJobRecord;
    // Emptied (the watch's turn and the stream's place with it), then the record alone restored.
    empty();
    await store.createJob(record);
    await run(20_000, 1_000);
    await stream.ended;
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending", "processing", "completed"]);
    expect(app.fake.requests.filter((request) => request.method === "GET").length).toBeGreaterThan(0);
  });
});

describe("a real Redis killed and started again empty", () => {
  let redis: TestRedis | undefined;
  let store: RedisKlingStore | undefined;
  let client: { destroy(): void } | undefined;
  afterEach(async () => {
    await store?.close();
    client?.destroy();
    await redis?.stop();
  });

  test("a stream opened before the kill ends instead of sending heartbeats for ever", async () => {
    const first = await startRedis();
    redis = first;
    const connection = createClient({ url: first.url });
    connection.on("error", () => undefined);
    await connection.connect();
    client = connection;
    store = createRedisStore(connection, { onError: () => undefined });
    const app = instances([store], { push: { heartbeatMs: 200 } }, { processingMs: 600_000 });
    const stream = await openStream(app, "alice", await jobIdOf(await app.submit("alice")));
    await expect.poll(() => stream.events.length, { timeout: 5_000, interval: 20 }).toBe(1);

    await first.stop();
    redis = await startRedis({ port: Number(new URL(first.url).port) });
    // The store reconnects by itself; the next heartbeat's read finds the job gone.
    await stream.ended;
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending"]);
    expect(stream.comments).toContain(": heartbeat");
    expect(app.proxies[0]!.openStreams).toBe(0);
  }, 30_000);
});
