// `upstreamBudget`: two instances sharing one store read the upstream at most `requests` times
// in any `windowMs` together, the job that waited longest first, and every job still ends.
// Fake timers drive the watch and the fake's clock; the store is in memory and the upstream a
// fake, so no real I/O races the clock.
import { describe, expect, test } from "vitest";
import { createMemoryStore } from "../../../src/server";
import { instances, jobIdOf } from "../many-users/support";
import { BASE } from "../support";
import { fakeClock, run } from "./support";

const BUDGET = { requests: 60, windowMs: 60_000 };
// Long enough that 200 of them are in flight together.
const JOB = { queueMs: 30_000, processingMs: 120_000, outputVideoUrl: "https://cdn.example/out.mp4", credits: 100_000 };

/** Reads of the upstream (status requests), in time order. */
const readsOf = (requests: ReadonlyArray<{ method: string; path: string; at: number }>) =>
  requests.filter((request) => request.method === "GET").sort((a, b) => a.at - b.at);

async function twoInstances(options: Parameters<typeof instances>[1] = {}) {
  const store = createMemoryStore();
  const finished = new Map<string, string>();
  const app = instances(
    [store, store],
    { onJobFinished: (job) => void finished.set(job.jobId, job.status), ...options },
    JOB,
  );
  return { app, finished };
}

describe("upstreamBudget", () => {
  test("200 jobs on two instances: never more than 60 reads in any minute, and every job ends", async () => {
    fakeClock();
    const { app, finished } = await twoInstances({ upstreamBudget: BUDGET });
    const submits = await Promise.all(
      Array.from({ length: 200 }, (_, i) => app.submit(`user-${i % 20}`, { instance: i % 2 })),
    );
    // Submits never wait for the budget.
    expect(submits.every((response) => response.status === 202)).toBe(true);
    const jobIds = await Promise.all(submits.map(jobIdOf));
    for (let minute = 0; minute < 15 && finished.size < 200; minute++) await run(60_000, 1_000);
    expect(finished.size).toBe(200);
    expect([...finished.values()].every((status) => status === "completed")).toBe(true);

    const reads = readsOf(app.fake.requests);
    // Any 61 reads in a row span a full window at least: no minute holds more than 60.
    for (let i = 0; i + BUDGET.requests < reads.length; i++)
      expect(reads[i + BUDGET.requests]!.at - reads[i]!.at).toBeGreaterThanOrEqual(BUDGET.windowMs);
    // Fair turns: the longest any job waited between two of its reads.
    let longest = 0;
    for (const jobId of jobIds) {
      const times = reads.filter((read) => read.path.endsWith(`/${jobId}`)).map((read) => read.at);
      for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!);
    }
    console.info(
      `upstreamBudget 60/min, 200 jobs: ${reads.length} reads; the longest wait between two reads of one job ${(longest / 1000).toFixed(0)} s`,
    );
    // 200 jobs at 60 reads a minute: each gets a turn about every 200 s; none waits far longer
    // (fake time: the same on any machine).
    expect(longest).toBeLessThanOrEqual(300_000);
  }, 120_000);

  test("a status request over the budget is answered from the store, without an upstream call", async () => {
    fakeClock();
    const { app } = await twoInstances({ upstreamBudget: { requests: 2, windowMs: 60_000 } });
    const jobId = await jobIdOf(await app.submit("alice"));
    for (let i = 0; i < 2; i++)
      expect((await app.call("alice", `${BASE}/jobs/${jobId}`, { instance: i % 2 })).status).toBe(200);
    const before = readsOf(app.fake.requests).length;
    const held = await app.call("alice", `${BASE}/jobs/${jobId}`, { instance: 1 });
    expect(held.status).toBe(200);
    expect(await held.json()).toMatchObject({ jobId, status: "pending" });
    expect(readsOf(app.fake.requests).length).toBe(before);
  });

  test("a 429 from the upstream holds every instance's reads until its Retry-After passes", async () => {
    fakeClock();
    const { app } = await twoInstances({ upstreamBudget: BUDGET });
    await Promise.all(Array.from({ length: 10 }, (_, i) => app.submit(`user-${i}`, { instance: i % 2 })));
    app.fake.failNext({ fault: "rate_limit", on: "status", retryAfterSeconds: 20 });
    await run(10_000, 250);
    const reads = readsOf(app.fake.requests);
    const limitedAt = reads[0]!.at;
    await run(30_000, 250);
    const after = readsOf(app.fake.requests).filter((read) => read.at > limitedAt);
    // Reads already taken when the 429 came may still land; none is taken in the held time.
    expect(after.filter((read) => read.at > limitedAt + 1_000 && read.at < limitedAt + 20_000)).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
  });
});
