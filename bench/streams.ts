// Open event streams one proxy instance holds, and the memory each costs: 2,000 streams of
// 2,000 jobs on the memory store, held open in this process; heap measured after a full GC.
// Run: npm run bench:streams [-- count]
import "../scripts/ts-sources.ts";

const { createKlingProxy, createMemoryStore } = await import("../src/server/index.ts");
const { createFakeKling } = await import("../src/testing/fake-kling.ts");

const COUNT = Number(process.argv[2] ?? 2_000);
const KEY = "bench-streams-key";
const ROOT = "http://localhost:3000/api/kling";
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with --expose-gc (npm run bench:streams does).");

const fake = createFakeKling({ apiKey: KEY, credits: Number.MAX_SAFE_INTEGER, processingMs: 3_600_000 });
const proxy = createKlingProxy({
  apiKey: KEY,
  fetch: fake.fetch,
  basePath: "/api/kling",
  identify: (request) => request.headers.get("x-user"),
  authorize: () => true,
  store: createMemoryStore(),
  log: () => undefined,
});
const json = { "content-type": "application/json" };
const INPUT = JSON.stringify({ prompt: "Make it snow", video_url: "https://cdn.example/in.mp4", video_duration: 5 });

// The jobs first, so that what is measured is the streams alone.
const jobs: string[] = [];
for (let i = 0; i < COUNT; i++) {
  const response = await proxy(
    new Request(`${ROOT}/models/kling-video-edit/run`, {
      method: "POST",
      headers: { ...json, "x-user": `user-${i}` },
      body: INPUT,
    }),
  );
  jobs.push(((await response.json()) as { jobId: string }).jobId);
}
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const before = heap();
const started = performance.now();
const readers: Array<ReadableStreamDefaultReader<Uint8Array>> = [];
for (let i = 0; i < COUNT; i++) {
  const response = await proxy(new Request(`${ROOT}/jobs/${jobs[i]}/events`, { headers: { "x-user": `user-${i}` } }));
  const reader = response.body!.getReader();
  await reader.read(); // the opening comment: the stream is live
  readers.push(reader);
}
const openMs = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 200));
const after = heap();
const open = proxy.openStreams;
const perStream = (after - before) / COUNT;
await Promise.all(readers.map((reader) => reader.cancel()));
await new Promise((resolve) => setTimeout(resolve, 200));
const closed = proxy.openStreams;

const rows = [
  {
    streams: open,
    "heap per stream": `${(perStream / 1024).toFixed(1)} kB`,
    "heap for all": `${((after - before) / 1024 / 1024).toFixed(1)} MB`,
    "opened in": `${(openMs / 1000).toFixed(2)} s`,
    "open after closing": closed,
    goal: "2,000 streams, under 20 kB each",
    met: open >= 2_000 && perStream < 20 * 1024 && closed === 0 ? "yes" : "no",
  },
];
console.log(
  `Event streams on one instance: ${open} open, ${(perStream / 1024).toFixed(1)} kB of heap each (server side and this process's reader), ${closed} left after closing.`,
);
console.log(
  `BENCH-JSON ${JSON.stringify({ title: "Push: open streams on one instance", rows, note: `${COUNT} streams of ${COUNT} jobs on the memory store, held open in one Node ${process.version} process; heap after a full GC, before and after; includes the in-process reader of each stream.` })}`,
);
