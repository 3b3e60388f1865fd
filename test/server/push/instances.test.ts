// Push on several instances sharing a real Redis: one upstream watch per job for all of them,
// every stream on every instance told of every change.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { createKlingClient } from "../../../src";
import type { KlingProxyHandler } from "../../../src/server";
import { createRedisStore, type RedisKlingStore } from "../../../src/server/redis";
import { startRedis, type TestRedis } from "../../support/redis";
import { instances, jobIdOf } from "../many-users/support";
import { BASE, ORIGIN } from "../support";

let redis: TestRedis;
const opened: RedisKlingStore[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await redis.stop();
});
afterEach(() => vi.useRealTimers());

async function twoInstances() {
  const prefix = `push-${Math.random()}`;
  return Promise.all([0, 1].map(async () => {
    const store = createRedisStore(await redis.connect(), { prefix, onError: () => undefined });
    opened.push(store);
    return store;
  }));
}

function fakeClock() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"], now: Date.parse("2026-12-01T10:00:00Z") });
}
/** Time moves in small steps; Redis answers (real I/O) get their turn in between. */
async function run(ms: number, step = 100) {
  for (let done = 0; done < ms; done += step) {
    await vi.advanceTimersByTimeAsync(Math.min(step, ms - done));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A browser tab: the library's own client following the job's stream on one instance. */
function tab(proxy: KlingProxyHandler, user: string) {
  const client = createKlingClient({
    proxyUrl: `${ORIGIN}${BASE}`,
    fetch: (input, init) => proxy(new Request(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), "x-user": user } })),
  });
  const seen: Array<{ id?: string; status: string; at: number }> = [];
  return {
    seen,
    follow: (jobId: string) => client.streamJob(jobId, { onJob: (job, id) => void seen.push({ id, status: job.status, at: Date.now() }) }),
  };
}

describe("ten tabs on two instances, one job", () => {
  test("the upstream sees one watch; every tab gets every status change", async () => {
    fakeClock();
    const job = { queueMs: 3_000, processingMs: 20_000, outputVideoUrl: "https://cdn.example/out.mp4" };
    const app = instances(await twoInstances(), {}, job);
    const jobId = await jobIdOf(await app.submit("alice"));
    const tabs = Array.from({ length: 10 }, (_, i) => tab(app.proxies[i % 2]!, "alice"));
    const ends = tabs.map((one) => one.follow(jobId));
    await run(40_000);
    expect(await Promise.all(ends)).toEqual(Array(10).fill("ended"));
    for (const one of tabs) expect(one.seen.map((event) => `${event.id}:${event.status}`)).toEqual(["1:pending", "2:processing", "3:completed"]);
    // One watch on the schedule (2 s, then every 5 s, to completion at 23 s): 6 reads, not 60.
    const reads = app.fake.requests.filter((request) => request.method === "GET");
    expect(reads.length).toBeLessThanOrEqual(6);
    expect(reads.length).toBeGreaterThanOrEqual(5);
  });

  test("with webhooks, completed reaches every tab within 1 s of PixelDojo's delivery", async () => {
    fakeClock();
    const target: { proxies?: KlingProxyHandler[] } = {};
    let delivered = 0;
    // Redis times the pacing of webhook reads on its own (real) clock while this test runs on a
    // fake one: paced at 1 ms here (the pacing is proved in webhooks.test.ts).
    const app = instances(await twoInstances(), { webhooks: { publicUrl: `${ORIGIN}${BASE}`, minIntervalMs: 1 } }, {
      queueMs: 3_000,
      processingMs: 20_000,
      // Deliveries land on either instance, as a load balancer would send them.
      webhookFetch: (input, init) => target.proxies![delivered++ % 2]!(new Request(input, init)),
    });
    target.proxies = app.proxies;
    const jobId = await jobIdOf(await app.submit("alice"));
    const tabs = Array.from({ length: 10 }, (_, i) => tab(app.proxies[i % 2]!, "alice"));
    const ends = tabs.map((one) => one.follow(jobId));
    await run(22_900);
    const completedAt = Date.parse("2026-12-01T10:00:00Z") + 23_000;
    await run(2_000);
    expect(await Promise.all(ends)).toEqual(Array(10).fill("ended"));
    for (const one of tabs) {
      const done = one.seen.at(-1)!;
      expect(done.status).toBe("completed");
      expect(done.at - completedAt).toBeLessThan(1_000);
    }
    expect(app.fake.webhooks.map((hook) => hook.status)).toEqual(["processing", "completed"]);
  });
});
