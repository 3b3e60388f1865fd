// Added latency of the proxy: the fake upstream's fetch called directly, and the same
// requests through createKlingProxy in front of it, interleaved in one run. No network.
// Run: npm run bench:proxy [-- iterations]
import { registerHooks } from "node:module";
import { availableParallelism, loadavg } from "node:os";

// The sources import each other without extensions (bundler style); Node's type stripping
// runs them as they are once `./x` may also mean `./x.ts`.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && !specifier.endsWith(".ts")) return nextResolve(`${specifier}.ts`, context);
      throw error;
    }
  },
});

const { createKlingProxy, jobPath, PIXELDOJO_API_URL, RUN_PATH } = await import("../src/server/index.ts");
const { createFakeKling } = await import("../src/testing/fake-kling.ts");

const ITERATIONS = Number(process.argv[2] ?? 5_000);
const WARMUP = Math.min(500, ITERATIONS);
const KEY = "bench-key";
const PROXY_ROOT = "http://localhost:3000/api/kling";
const INPUT = JSON.stringify({ prompt: "Make it snow", video_url: "https://cdn.example/in.mp4", video_duration: 5 });

const fake = createFakeKling({ apiKey: KEY, credits: Number.MAX_SAFE_INTEGER });
const proxy = createKlingProxy({
  apiKey: KEY,
  fetch: fake.fetch,
  basePath: "/api/kling",
  authorize: () => true,
  log: () => undefined,
});

const upstreamAuth = { authorization: `Bearer ${KEY}` };
const json = { "content-type": "application/json" };
const first = await fake.fetch(`${PIXELDOJO_API_URL}${RUN_PATH}`, {
  method: "POST",
  headers: { ...upstreamAuth, ...json },
  body: INPUT,
});
const { jobId } = (await first.json()) as { jobId: string };

type Call = () => Promise<Response>;
interface Case {
  name: string;
  direct: Call;
  proxied: Call;
}

const cases: Case[] = [
  {
    name: "GET job status",
    direct: () => fake.fetch(`${PIXELDOJO_API_URL}${jobPath(jobId)}`, { headers: upstreamAuth }),
    // The Request is built inside the timed call: a conservative measure of what a framework hands over.
    proxied: () => proxy(new Request(`${PROXY_ROOT}${jobPath(jobId)}`)),
  },
  {
    name: "POST submit",
    direct: () =>
      fake.fetch(`${PIXELDOJO_API_URL}${RUN_PATH}`, { method: "POST", headers: { ...upstreamAuth, ...json }, body: INPUT }),
    proxied: () => proxy(new Request(`${PROXY_ROOT}${RUN_PATH}`, { method: "POST", headers: json, body: INPUT })),
  },
];

async function time(call: Call): Promise<number> {
  const start = performance.now();
  const response = await call();
  await response.text();
  const elapsed = performance.now() - start;
  if (!response.ok) throw new Error(`Benchmark request failed with ${response.status}`);
  return elapsed;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const us = (milliseconds: number) => `${(milliseconds * 1000).toFixed(1)} µs`;
const rows: string[][] = [];
for (const { name, direct, proxied } of cases) {
  const samples = { direct: [] as number[], proxied: [] as number[] };
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    // Interleaved, and alternating which goes first, so drift and GC hit both sides alike.
    const pair = i % 2 ? [["direct", direct], ["proxied", proxied]] as const : [["proxied", proxied], ["direct", direct]] as const;
    for (const [side, call] of pair) {
      const elapsed = await time(call);
      if (i >= WARMUP) samples[side].push(elapsed);
    }
  }
  const d = samples.direct.sort((a, b) => a - b);
  const p = samples.proxied.sort((a, b) => a - b);
  rows.push([
    name,
    us(quantile(d, 0.5)),
    us(quantile(p, 0.5)),
    us(quantile(p, 0.5) - quantile(d, 0.5)),
    us(quantile(d, 0.99)),
    us(quantile(p, 0.99)),
    us(quantile(p, 0.99) - quantile(d, 0.99)),
  ]);
}

const header = ["request", "direct p50", "proxy p50", "added p50", "direct p99", "proxy p99", "added p99"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
console.log(`Proxy overhead, ${ITERATIONS} requests per side and case (after ${WARMUP} warm-up), Node ${process.version}`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i ? "-".repeat(w + 1) + ":" : ":" + "-".repeat(w + 1))).join("|")}|`);
for (const row of rows) console.log(line(row));
// p99 is where other work on the machine shows: the proxy side takes longer, so it is preempted more often.
console.log(`Load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: on a busy machine, read the medians.`);
const worst = Math.max(...rows.map((r) => Number.parseFloat(r[3]!)));
const verdict = worst < 1000 ? `Added median under 1 ms: yes (${worst.toFixed(1)} µs at most).` : `Added median over 1 ms: ${worst.toFixed(1)} µs.`;
console.log(verdict);
// For `npm run bench` (bench/run.mjs), which collects one such line from every measure.
console.log(
  `BENCH-JSON ${JSON.stringify({
    title: "Proxy: added latency per request against direct calls",
    rows: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]!]))),
    note: `${ITERATIONS} requests per side and case after ${WARMUP} warm-up, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores. ${verdict}`,
  })}`,
);
