// Two proxy instances on a real Redis Cluster (3 primaries, 3 replicas): ownership, history,
// spend limits, streams and the once-per-job hand-over hold across them as on a single node.
// Real time, jobs shortened to fractions of a second; the tests wait for events, bounded.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { KlingHistoryItem, KlingPushOptions } from "../../../src/server";
import { createRedisStore, type RedisKlingStore } from "../../../src/server/redis";
import { startRedisCluster, type TestCluster } from "../../support/redis-cluster";
import { errorOf, instances, jobIdOf } from "../many-users/support";
import { openStream } from "../push/support";
import { BASE } from "../support";

let cluster: TestCluster;
const opened: RedisKlingStore[] = [];
beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await cluster?.stop();
});

/** Two instances of one app: two cluster clients, one prefix. */
async function twoInstances() {
  const prefix = `app-${Math.random().toString(36).slice(2)}`;
  const open = async () => {
    const store = createRedisStore(await cluster.connect(), { prefix, onError: () => undefined });
    opened.push(store);
    return store;
  };
  return [await open(), await open()];
}

const HOUR = 3_600_000;
const THREE_EDITS = { credits: 120, windowMs: HOUR };
const PUSH: KlingPushOptions = { tickMs: 50, leaseMs: 5_000, polling: { initialDelayMs: 200, intervalMs: 300 } };
const JOB = { queueMs: 300, processingMs: 900, outputVideoUrl: "https://cdn.example/out.mp4" };

describe("two instances on a Redis Cluster", () => {
  test("a job is its owner's on both instances, and no one else's", async () => {
    const app = instances(await twoInstances());
    const jobId = await jobIdOf(await app.submit("alice", { instance: 0 }));
    // The owner reads it on the other instance.
    expect((await app.call("alice", `${BASE}/jobs/${jobId}`, { instance: 1 })).status).toBe(200);
    const history = (await (await app.call("alice", `${BASE}/jobs`, { instance: 1 })).json()) as {
      jobs: KlingHistoryItem[];
    };
    expect(history.jobs.map((job) => job.jobId)).toEqual([jobId]);
    // Bob sees nothing of it, on either instance: status, events, history.
    const before = app.upstreamCalls();
    for (const instance of [0, 1]) {
      expect(await errorOf(await app.call("bob", `${BASE}/jobs/${jobId}`, { instance }))).toMatchObject({
        status: 404,
        code: "not_found",
      });
      const events = await app.call("bob", `${BASE}/jobs/${jobId}/events`, {
        instance,
        headers: { accept: "text/event-stream" },
      });
      expect(events.status).toBe(404);
      expect(await (await app.call("bob", `${BASE}/jobs`, { instance })).json()).toEqual({ jobs: [] });
    }
    expect(app.upstreamCalls()).toBe(before);
  });

  test("20 concurrent submits by one user on two instances, a limit of 3: exactly 3 reach the upstream", async () => {
    const app = instances(await twoInstances(), { spendLimit: THREE_EDITS });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => app.submit("alice", { instance: i % 2 })));
    expect(responses.filter((response) => response.status === 202)).toHaveLength(3);
    expect(app.fake.requests.filter((request) => request.method === "POST")).toHaveLength(3);
    const refused = await Promise.all(responses.filter((response) => response.status !== 202).map(errorOf));
    expect(refused.every((error) => error.status === 429 && error.code === "quota_exceeded")).toBe(true);
  });

  test("a stream on instance 2 sees completed for a job submitted on instance 1; onJobFinished runs once", async () => {
    const finished: string[] = [];
    const app = instances(
      await twoInstances(),
      { push: PUSH, onJobFinished: (job) => void finished.push(`${job.jobId}:${job.status}`) },
      JOB,
    );
    const jobId = await jobIdOf(await app.submit("alice", { instance: 0 }));
    const stream = await openStream(app, "alice", jobId, { instance: 1 });
    expect(stream.response.status).toBe(200);
    await stream.ended;
    expect(stream.events.at(-1)?.json.status).toBe("completed");
    await expect.poll(() => finished, { timeout: 5_000, interval: 20 }).toEqual([`${jobId}:completed`]);
    // Still once after both instances had time to look again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(finished).toHaveLength(1);
  });
});
