// Push on several instances sharing a real Redis: one upstream watch per job for all of them,
// every stream on every instance told of every change. Real time, with jobs and schedules
// shortened to fractions of a second (Redis keeps its own clock): the tests wait for events,
// bounded, and never for a fixed time.
import { describe, expect, test } from "vitest";
import { createKlingClient } from "../../../src";
import type { KlingProxyHandler, KlingPushOptions } from "../../../src/server";
import { redisForTests } from "../../support/redis-for-tests";
import { instances, jobIdOf } from "../many-users/support";
import { BASE, ORIGIN } from "../support";

const redis = redisForTests();

const twoInstances = () => redis.stores(2);

const INTERVAL_MS = 300;
const PUSH: KlingPushOptions = {
  tickMs: 50,
  leaseMs: 5_000,
  polling: { initialDelayMs: 200, intervalMs: INTERVAL_MS },
};
const JOB = { queueMs: 300, processingMs: 1_200, outputVideoUrl: "https://cdn.example/out.mp4" };

/** A browser tab: the library's own client following the job's stream on one instance. */
function tab(proxy: KlingProxyHandler, user: string) {
  const client = createKlingClient({
    proxyUrl: `${ORIGIN}${BASE}`,
    fetch: (input, init) =>
      proxy(
        new Request(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), "x-user": user } }),
      ),
  });
  const seen: Array<{ id?: string; status: string; at: number }> = [];
  return {
    seen,
    follow: (jobId: string) =>
      client.streamJob(jobId, {
        onJob: (job, id) => void seen.push({ id, status: job.status, at: performance.now() }),
      }),
  };
}

describe("ten tabs on two instances, one job", () => {
  test("the upstream sees one watch; every tab gets every status change", async () => {
    const app = instances(await twoInstances(), { push: PUSH }, JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    const tabs = Array.from({ length: 10 }, (_, i) => tab(app.proxies[i % 2]!, "alice"));
    expect(await Promise.all(tabs.map((one) => one.follow(jobId)))).toEqual(Array(10).fill("ended"));
    for (const one of tabs)
      expect(one.seen.map((event) => `${event.id}:${event.status}`)).toEqual([
        "1:pending",
        "2:processing",
        "3:completed",
      ]);
    // One watch for all: one instance at a time takes each turn, so no two reads are closer than
    // the schedule's interval (ten tabs polling would read ten times as often).
    const reads = app.fake.requests.filter((request) => request.method === "GET").map((request) => request.at);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < reads.length; i++) expect(reads[i]! - reads[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS);
  });

  test("with webhooks, completed reaches every tab within 1 s of PixelDojo's delivery", async () => {
    const target: { proxies?: KlingProxyHandler[] } = {};
    let delivered = 0;
    let completedDelivery = 0;
    const app = instances(
      await twoInstances(),
      { push: PUSH, webhooks: { publicUrl: `${ORIGIN}${BASE}`, minIntervalMs: 50 } },
      {
        ...JOB,
        // Deliveries land on either instance, as a load balancer would send them.
        webhookFetch: (input, init) => {
          if (String(init?.body).includes('"completed"')) completedDelivery = performance.now();
          return target.proxies![delivered++ % 2]!(new Request(input, init));
        },
      },
    );
    target.proxies = app.proxies;
    const jobId = await jobIdOf(await app.submit("alice"));
    const tabs = Array.from({ length: 10 }, (_, i) => tab(app.proxies[i % 2]!, "alice"));
    expect(await Promise.all(tabs.map((one) => one.follow(jobId)))).toEqual(Array(10).fill("ended"));
    expect(app.fake.webhooks.map((hook) => hook.status)).toEqual(["processing", "completed"]);
    for (const one of tabs) {
      const done = one.seen.at(-1)!;
      expect(done.status).toBe("completed");
      expect(done.at - completedDelivery).toBeLessThan(1_000);
    }
  });
});
