import { describe, expect, test } from "vitest";
import { createRedisStore, type RedisClientLike, type RedisSubscriberLike } from "../../../src/server/redis";
import { redisForTests } from "../../support/redis-for-tests";
import { jobRecord, storeContract } from "./store-contract";

const redis = redisForTests();
const openStore = (prefix = "kling") => redis.open(prefix);

storeContract("Redis store", {
  async open() {
    return [await openStore(), await openStore()];
  },
});

describe("Redis store: keys and scripts", () => {
  test("a job's keys expire with the job", async () => {
    const client = await redis.connect();
    const store = await openStore();
    const record = jobRecord({
      owner: `ttl-${Math.random()}`,
      expiresAt: new Date(Date.now() + 120_000).toISOString(),
      webhookToken: "k".repeat(43),
    });
    await store.createJob(record);
    for (const key of [
      `kling:job:{j:${record.jobId}}`,
      `kling:webhook:${"k".repeat(43)}`,
      `kling:jobs:{u:${record.owner}}`,
    ]) {
      const ttl = Number(await client.sendCommand(["PTTL", key]));
      expect(ttl, key).toBeGreaterThan(110_000);
      expect(ttl, key).toBeLessThanOrEqual(120_000);
    }
  });

  test("a prefix keeps two apps on one Redis apart", async () => {
    const one = await openStore("app-one");
    const two = await openStore("app-two");
    const record = jobRecord();
    await one.createJob(record);
    expect(await two.getJob(record.jobId)).toBeUndefined();
    expect(await one.getJob(record.jobId)).toEqual(record);
  });

  test("a Redis that forgot the scripts (a restart, SCRIPT FLUSH) gets them again", async () => {
    const client = await redis.connect();
    const store = await openStore();
    const record = jobRecord();
    await store.createJob(record);
    await client.sendCommand(["SCRIPT", "FLUSH"]);
    expect(await store.updateJob(record.jobId, { status: "processing" })).toMatchObject({ changed: true });
  });

  test("a user id that looks like a key part stays its own user", async () => {
    const store = await openStore();
    const limit = { credits: 40, windowMs: 60_000 };
    expect(await store.reserveCredits("a:b", 40, limit, 1)).toMatchObject({ ok: true });
    expect(await store.reserveCredits("a", 40, limit, 1)).toMatchObject({ ok: true });
    expect(await store.reserveCredits("a:b", 40, limit, 2)).toMatchObject({ ok: false });
  });
});

describe("Redis store: history over expired jobs", () => {
  test("a job that expired is dropped from the listing without hiding the next one", async () => {
    const store = await openStore();
    const owner = `expiring-${Math.random()}`;
    // Newest first: the newest expires at once; the three older ones stay.
    const gone = jobRecord({ owner, createdAt: 40, expiresAt: new Date(Date.now() + 50).toISOString() });
    const kept = [30, 20, 10].map((createdAt) => jobRecord({ owner, createdAt }));
    for (const record of [gone, ...kept]) await store.createJob(record);
    // Redis's own clock expires the job hash; its entry in the owner's index stays until listed.
    await expect.poll(() => store.getJob(gone.jobId), { timeout: 5_000, interval: 20 }).toBeUndefined();
    const page = await store.listJobs(owner, { limit: 2 });
    expect(page.map((job) => job.jobId)).toEqual([kept[0]!.jobId, kept[1]!.jobId]);
  });
});

describe("Redis store: its pub/sub connection", () => {
  test("a subscription made while the last one of its channel is being let go of still hears every message", async () => {
    const store = await openStore();
    const channel = `job:${Math.random()}`;
    // One tab's stream of a job closes as another tab's opens, on one instance.
    const leaving = (await store.subscribe(channel, () => undefined))();
    const got: string[] = [];
    const unsubscribe = await store.subscribe(channel, (message) => got.push(message));
    await leaving;
    await store.publish(channel, "completed");
    await expect.poll(() => got, { timeout: 2_000, interval: 5 }).toEqual(["completed"]);
    await unsubscribe();
  });

  test("a first connection that fails is not kept: the next subscription connects anew", async () => {
    const client = await redis.connect();
    let attempts = 0;
    const flaky: RedisClientLike = {
      sendCommand: (args) => client.sendCommand(args),
      duplicate() {
        const connection = client.duplicate();
        if (++attempts > 1) return connection;
        // Redis was unreachable for the first stream of this instance.
        return Object.assign(Object.create(connection) as RedisSubscriberLike, {
          connect: () => Promise.reject(new Error("ECONNREFUSED")),
        });
      },
    };
    const store = createRedisStore(flaky, { onError: () => undefined });
    const channel = `job:${Math.random()}`;
    await expect(store.subscribe(channel, () => undefined)).rejects.toThrow("ECONNREFUSED");
    const got: string[] = [];
    const unsubscribe = await store.subscribe(channel, (message) => got.push(message));
    await store.publish(channel, "hello");
    await expect.poll(() => got, { timeout: 2_000, interval: 5 }).toEqual(["hello"]);
    await unsubscribe();
    await store.close();
  });
});
