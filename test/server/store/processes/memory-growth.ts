// The memory store's heap after many users came once and left: run with Node 24 (type stripping)
// and --expose-gc. Prints {"bytesPerUser":N}: what each user still holds once their jobs expired
// and their spend left its window.
import "../../../../scripts/ts-sources.ts";

const { createMemoryStore } = await import("../../../../src/server/store/memory.ts");

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with --expose-gc.");
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const USERS = 50_000;
const HOUR = 3_600_000;
let now = Date.parse("2026-12-01T10:00:00Z");
const store = createMemoryStore({ now: () => now });
const limit = { credits: 100, windowMs: HOUR };
const input = {
  prompt: "Make it snow",
  video_url: "https://cdn.example/a.mp4",
  video_duration: 5,
  tier: "pro" as const,
  keep_audio: true,
};
const job = (jobId: string, owner: string) => ({
  jobId,
  owner,
  createdAt: now,
  input,
  expiresAt: new Date(now + HOUR).toISOString(),
  status: "pending",
  version: 1,
});

// Warm up: the store's own maps and the code paths exist before the first measure.
await store.reserveCredits("warm-up", 10, limit, now);
await store.createJob(job("job_warm_up", "warm-up"));
const before = heap();
for (let i = 0; i < USERS; i++) {
  await store.reserveCredits(`user-${i}`, 10, limit, now);
  await store.createJob(job(`job_${i}`, `user-${i}`));
}
// A day later every job has expired and every reservation has left its window; a write sweeps.
now += 24 * HOUR;
await store.createJob(job("job_next_day", "warm-up"));
await store.reserveCredits("warm-up", 10, limit, now);
const after = heap();
console.log(JSON.stringify({ bytesPerUser: Math.round((after - before) / USERS) }));
