import { it, vi } from "vitest";
import { createMemoryStore } from "../../src/server";
import { instances } from "../../test/server/many-users/support";
import { record } from "./record";

/**
 * 200 jobs in flight on two instances sharing one store, each watched by the server (an
 * onJobFinished is set), for 10 minutes of fake time: upstream reads per minute with and
 * without `upstreamBudget`, and the longest any job waited between two of its reads.
 */
async function run(budget: { requests: number; windowMs: number } | undefined) {
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    now: Date.parse("2026-12-01T10:00:00Z"),
  });
  const store = createMemoryStore();
  const app = instances(
    [store, store],
    { onJobFinished: () => undefined, ...(budget ? { upstreamBudget: budget } : {}) },
    {
      queueMs: 60_000,
      processingMs: 540_000,
      credits: 1_000_000,
    },
  );
  await Promise.all(Array.from({ length: 200 }, (_, i) => app.submit(`user-${i % 20}`, { instance: i % 2 })));
  const start = Date.now();
  for (let t = 0; t < 600_000; t += 1_000) await vi.advanceTimersByTimeAsync(1_000);
  const reads = app.fake.requests.filter((request) => request.method === "GET" && request.at >= start);
  const byJob = new Map<string, number[]>();
  for (const read of reads) byJob.set(read.path, [...(byJob.get(read.path) ?? []), read.at]);
  let longest = 0;
  for (const times of byJob.values())
    for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i]! - times[i - 1]!);
  vi.useRealTimers();
  return {
    budget: budget ? `${budget.requests} / ${budget.windowMs / 1000} s` : "none",
    "reads per minute": Math.round(reads.length / 10),
    "longest wait between two reads of a job": `${(longest / 1000).toFixed(0)} s`,
  };
}

it("upstream reads for 200 jobs in flight, with and without upstreamBudget", async () => {
  const rows = [await run(undefined), await run({ requests: 60, windowMs: 60_000 })];
  record("Server watch: upstream reads per minute, 200 jobs in flight on two instances (10 min of fake time)", rows);
}, 300_000);
