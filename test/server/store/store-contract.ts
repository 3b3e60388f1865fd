// The guarantees every KlingStore states (src/server/store/types.ts), as one suite that runs
// against the memory store and the Redis store alike.
import { describe, expect, test } from "vitest";
import type { KlingJobRecord, KlingStore } from "../../../src/server";
import { budgetContract } from "./budget-contract";
import { quotaContract } from "./quota-contract";

export interface StoreFixture {
  /** Two handles on one shared store (for Redis: two clients, as two instances would have). */
  open(): Promise<[KlingStore, KlingStore]>;
}

const HOUR = 3_600_000;
const input = {
  prompt: "Make it snow",
  video_url: "https://cdn.example/a.mp4",
  video_duration: 5,
  tier: "pro" as const,
  keep_audio: true,
};
let counter = 0;

export function jobRecord(overrides: Partial<KlingJobRecord> = {}): KlingJobRecord {
  counter++;
  return {
    jobId: `job_${counter}_${Math.random().toString(36).slice(2, 8)}`,
    owner: "user-a",
    createdAt: 1_000_000 + counter,
    input,
    expiresAt: new Date(Date.now() + HOUR).toISOString(),
    status: "pending",
    version: 1,
    ...overrides,
  };
}

export function storeContract(name: string, fixture: StoreFixture) {
  describe(`${name}: jobs`, () => {
    test("keeps a job as it was recorded, and knows no other", async () => {
      const [store] = await fixture.open();
      const record = jobRecord({ creditCost: 40, webhookToken: "t".repeat(43) });
      await store.createJob(record);
      expect(await store.getJob(record.jobId)).toEqual(record);
      expect(await store.getJob("job_never")).toBeUndefined();
    });

    test("applies an update once: the version grows only when the job says something new", async () => {
      const [a, b] = await fixture.open();
      const record = jobRecord();
      await a.createJob(record);
      expect(await b.updateJob(record.jobId, { status: "processing" })).toMatchObject({
        changed: true,
        record: { status: "processing", version: 2 },
      });
      expect(await a.updateJob(record.jobId, { status: "processing" })).toMatchObject({
        changed: false,
        record: { version: 2 },
      });
      const done = await b.updateJob(record.jobId, {
        status: "completed",
        output: { video: "https://cdn.example/out.mp4" },
      });
      expect(done).toMatchObject({
        changed: true,
        record: { status: "completed", output: { video: "https://cdn.example/out.mp4" }, version: 3 },
      });
      expect(await a.getJob(record.jobId)).toMatchObject({ status: "completed", version: 3 });
    });

    test("never moves an ended job back to running (a late answer of an earlier read)", async () => {
      const [store] = await fixture.open();
      const record = jobRecord();
      await store.createJob(record);
      await store.updateJob(record.jobId, { status: "failed", error: "No face found." });
      expect(await store.updateJob(record.jobId, { status: "processing" })).toMatchObject({
        changed: false,
        record: { status: "failed", error: "No face found.", version: 2 },
      });
    });

    test("updates of an unknown job change nothing", async () => {
      const [store] = await fixture.open();
      expect(await store.updateJob("job_never", { status: "completed" })).toBeUndefined();
      expect(await store.getJob("job_never")).toBeUndefined();
    });

    test("concurrent updates with the same news bump the version once", async () => {
      const [a, b] = await fixture.open();
      const record = jobRecord();
      await a.createJob(record);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).updateJob(record.jobId, { status: "processing" })),
      );
      expect(results.filter((result) => result?.changed)).toHaveLength(1);
      expect(await a.getJob(record.jobId)).toMatchObject({ version: 2 });
    });

    test("finds a job by its webhook token", async () => {
      const [a, b] = await fixture.open();
      const record = jobRecord({ webhookToken: "w".repeat(43) });
      await a.createJob(record);
      expect(await b.findJobByWebhookToken("w".repeat(43))).toBe(record.jobId);
      expect(await b.findJobByWebhookToken("x".repeat(43))).toBeUndefined();
    });
  });

  describe(`${name}: history`, () => {
    test("lists one owner's jobs newest first, in pages that neither skip nor repeat", async () => {
      const [a, b] = await fixture.open();
      const owner = `owner-${Math.random()}`;
      const records = [5, 1, 3, 3, 2, 4].map((createdAt, i) =>
        jobRecord({ owner, createdAt, jobId: `job_${owner.length}_${i}` }),
      );
      for (const record of records) await a.createJob(record);
      await a.createJob(jobRecord({ owner: `${owner}-other`, createdAt: 9 }));

      const seen: KlingJobRecord[] = [];
      let before: { createdAt: number; jobId: string } | undefined;
      for (let page = 0; page < 10; page++) {
        const jobs = await b.listJobs(owner, { limit: 2, before });
        if (!jobs.length) break;
        seen.push(...jobs);
        const last = jobs.at(-1)!;
        before = { createdAt: last.createdAt, jobId: last.jobId };
      }
      const order = [...records].sort((x, y) => y.createdAt - x.createdAt || (x.jobId < y.jobId ? 1 : -1));
      expect(seen.map((job) => job.jobId)).toEqual(order.map((job) => job.jobId));
    });

    test("an owner with no jobs has an empty history", async () => {
      const [store] = await fixture.open();
      expect(await store.listJobs("nobody", { limit: 20 })).toEqual([]);
    });
  });

  quotaContract(name, fixture);
  budgetContract(name, fixture);

  describe(`${name}: due queues`, () => {
    test("hands each due member to one taker, and again once its lease passes", async () => {
      const [a, b] = await fixture.open();
      const queue = `poll-${Math.random()}`;
      await a.schedule(queue, "job_1", 1_000);
      await a.schedule(queue, "job_2", 2_000);
      await b.schedule(queue, "job_3", 5_000);
      expect(await b.claimDue(queue, 999, 10_000, 10)).toEqual([]);
      expect((await a.claimDue(queue, 2_000, 10_000, 10)).sort()).toEqual(["job_1", "job_2"]);
      // Taken: not due for anyone until the lease has passed (the taker may have died).
      expect(await b.claimDue(queue, 5_000, 10_000, 10)).toEqual(["job_3"]);
      expect(await b.claimDue(queue, 11_999, 10_000, 10)).toEqual([]);
      expect((await b.claimDue(queue, 12_000, 10_000, 10)).sort()).toEqual(["job_1", "job_2"]);
    });

    test("concurrent takers on two instances never take the same member twice", async () => {
      const [a, b] = await fixture.open();
      const queue = `race-${Math.random()}`;
      for (let i = 0; i < 30; i++) await a.schedule(queue, `job_${i}`, 100);
      const taken = (
        await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimDue(queue, 200, 60_000, 4)))
      ).flat();
      expect(taken).toHaveLength(30);
      expect(new Set(taken).size).toBe(30);
    });

    test("moves a member, keeps it with only: absent, adds none with only: present, forgets it when unscheduled", async () => {
      const [a, b] = await fixture.open();
      const queue = `move-${Math.random()}`;
      await b.schedule(queue, "job_0", 1_000, { only: "present" });
      await a.schedule(queue, "job_1", 1_000);
      await b.schedule(queue, "job_1", 9_000, { only: "absent" });
      expect(await a.claimDue(queue, 1_000, 100, 10)).toEqual(["job_1"]);
      await b.schedule(queue, "job_1", 50_000, { only: "present" });
      expect(await a.claimDue(queue, 49_999, 100, 10)).toEqual([]);
      await a.unschedule(queue, "job_1");
      expect(await b.claimDue(queue, 60_000, 100, 10)).toEqual([]);
    });

    test("says when the earliest member is due, and nothing for an empty queue", async () => {
      const [a, b] = await fixture.open();
      const queue = `next-${Math.random()}`;
      expect(await a.nextDue(queue)).toBeUndefined();
      await a.schedule(queue, "job_2", 9_000);
      await b.schedule(queue, "job_1", 4_000);
      expect(await b.nextDue(queue)).toBe(4_000);
      await a.claimDue(queue, 5_000, 10_000, 1);
      expect(await a.nextDue(queue)).toBe(9_000);
      await a.unschedule(queue, "job_2");
      expect(await a.nextDue(queue)).toBe(15_000);
    });
  });

  describe(`${name}: leases and fan-out`, () => {
    test("one holder at a time; the holder renews; release frees it", async () => {
      const [a, b] = await fixture.open();
      const lease = `watch:${Math.random()}`;
      expect(await a.acquireLease(lease, "instance-1", 10_000)).toBe(true);
      expect(await b.acquireLease(lease, "instance-2", 10_000)).toBe(false);
      expect(await a.acquireLease(lease, "instance-1", 10_000)).toBe(true);
      await b.releaseLease(lease, "instance-2");
      expect(await b.acquireLease(lease, "instance-2", 10_000)).toBe(false);
      await a.releaseLease(lease, "instance-1");
      expect(await b.acquireLease(lease, "instance-2", 10_000)).toBe(true);
    });

    test("concurrent takers: exactly one gets the lease", async () => {
      const [a, b] = await fixture.open();
      const lease = `race:${Math.random()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).acquireLease(lease, `instance-${i}`, 10_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    test("a message reaches every subscriber on every instance, and none after unsubscribing", async () => {
      const [a, b] = await fixture.open();
      const channel = `job:${Math.random()}`;
      const got: string[] = [];
      const arrived = (count: number) => expect.poll(() => got.length, { timeout: 2_000, interval: 5 }).toBe(count);
      const offA = await a.subscribe(channel, (message) => got.push(`a:${message}`));
      const offB = await b.subscribe(channel, (message) => got.push(`b:${message}`));
      await a.publish(channel, "one");
      await arrived(2);
      expect(got.sort()).toEqual(["a:one", "b:one"]);
      await offA();
      await b.publish(channel, "two");
      await arrived(3);
      await offB();
      await a.publish(channel, "three");
      await a.publish(`${channel}-other`, "elsewhere");
      // A marker on a channel still subscribed proves the earlier messages had their chance to arrive.
      const marker: string[] = [];
      const offMarker = await b.subscribe(`${channel}-marker`, (message) => marker.push(message));
      await a.publish(`${channel}-marker`, "done");
      await expect.poll(() => marker, { timeout: 2_000, interval: 5 }).toEqual(["done"]);
      await offMarker();
      expect(got).toHaveLength(3);
    });
  });
}
