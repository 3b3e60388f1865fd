import { describe, expect, test } from "vitest";
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
    const record = jobRecord({ owner: `ttl-${Math.random()}`, expiresAt: new Date(Date.now() + 120_000).toISOString(), webhookToken: "k".repeat(43) });
    await store.createJob(record);
    for (const key of [`kling:job:${record.jobId}`, `kling:webhook:${"k".repeat(43)}`, `kling:jobs:${record.owner}`]) {
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
