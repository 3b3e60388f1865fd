// Added latency of the proxy (the fake upstream's fetch called directly, and the same requests
// through createKlingProxy in front of it, interleaved in one run), with the memory store and
// with Redis on loopback; then the submits per second one instance sustains with limits on.
// Run: npm run bench:proxy [-- iterations]
import "../scripts/ts-sources.ts";
import { availableParallelism, loadavg } from "node:os";

const { createKlingProxy, createMemoryStore, jobPath, PIXELDOJO_API_URL, RUN_PATH } =
  await import("../src/server/index.ts");
const { createRedisStore } = await import("../src/server/redis/index.ts");
const { createFakeKling } = await import("../src/testing/fake-kling.ts");
const { startRedis } = await import("../test/support/redis.ts");

const ITERATIONS = Number(process.argv[2] ?? 5_000);
const WARMUP = Math.min(500, ITERATIONS);
const KEY = "bench-key";
const PROXY_ROOT = "http://localhost:3000/api/kling";
const INPUT = JSON.stringify({ prompt: "Make it snow", video_url: "https://cdn.example/in.mp4", video_duration: 5 });
const json = { "content-type": "application/json" };
const upstreamAuth = { authorization: `Bearer ${KEY}` };
// Limits on, and never reached: every submit is reserved and settled, none refused.
const SPEND_LIMIT = { credits: Number.MAX_SAFE_INTEGER, windowMs: 3_600_000 };

const redis = await startRedis();
const stores = {
  memory: createMemoryStore(),
  redis: createRedisStore(await redis.connect(), { prefix: "bench" }),
};

type Call = () => Promise<Response>;
interface Case {
  name: string;
  direct: Call;
  proxied: Call;
}

async function setup(storeName: keyof typeof stores) {
  const fake = createFakeKling({ apiKey: KEY, credits: Number.MAX_SAFE_INTEGER });
  const proxy = createKlingProxy({
    apiKey: KEY,
    fetch: fake.fetch,
    basePath: "/api/kling",
    identify: () => "bench-user",
    authorize: () => true,
    spendLimit: SPEND_LIMIT,
    store: stores[storeName],
    log: () => undefined,
  });
  const submit = () => proxy(new Request(`${PROXY_ROOT}${RUN_PATH}`, { method: "POST", headers: json, body: INPUT }));
  // A job of the bench user's, so that status reads pass the ownership check and reach the upstream.
  const { jobId } = (await (await submit()).json()) as { jobId: string };
  const cases: Case[] = [
    {
      name: `GET job status (${storeName} store)`,
      direct: () => fake.fetch(`${PIXELDOJO_API_URL}${jobPath(jobId)}`, { headers: upstreamAuth }),
      // The Request is built inside the timed call: a conservative measure of what a framework hands over.
      proxied: () => proxy(new Request(`${PROXY_ROOT}${jobPath(jobId)}`)),
    },
    {
      name: `POST submit, limit on (${storeName} store)`,
      direct: () =>
        fake.fetch(`${PIXELDOJO_API_URL}${RUN_PATH}`, {
          method: "POST",
          headers: { ...upstreamAuth, ...json },
          body: INPUT,
        }),
      proxied: submit,
    },
  ];
  return { cases, submit };
}

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
const setups = { memory: await setup("memory"), redis: await setup("redis") };
for (const { name, direct, proxied } of [...setups.memory.cases, ...setups.redis.cases]) {
  const samples = { direct: [] as number[], proxied: [] as number[] };
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    // Interleaved, and alternating which goes first, so drift and GC hit both sides alike.
    const pair =
      i % 2
        ? ([
            ["direct", direct],
            ["proxied", proxied],
          ] as const)
        : ([
            ["proxied", proxied],
            ["direct", direct],
          ] as const);
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
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
console.log(
  `Proxy overhead, ${ITERATIONS} requests per side and case (after ${WARMUP} warm-up), Node ${process.version}`,
);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i ? "-".repeat(w + 1) + ":" : ":" + "-".repeat(w + 1))).join("|")}|`);
for (const row of rows) console.log(line(row));
// p99 is where other work on the machine shows: the proxy side takes longer, so it is preempted more often.
console.log(
  `Load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: on a busy machine, read the medians.`,
);
const worst = Math.max(...rows.map((r) => Number.parseFloat(r[3]!)));
const verdict =
  worst < 1000
    ? `Added median under 1 ms: yes (${worst.toFixed(1)} µs at most).`
    : `Added median over 1 ms: ${worst.toFixed(1)} µs.`;
console.log(verdict);

// Submits per second one instance sustains, spend limit on: many in flight, as under load.
const THROUGHPUT_SUBMITS = 5_000;
const IN_FLIGHT = 32;
const goals = { memory: 1_000, redis: 500 };
const throughput: Array<Record<string, string>> = [];
for (const name of ["memory", "redis"] as const) {
  const { submit } = setups[name];
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < THROUGHPUT_SUBMITS) {
        sent++;
        const response = await submit();
        if (response.status !== 202) throw new Error(`submit answered ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  const perSecond = THROUGHPUT_SUBMITS / ((performance.now() - started) / 1000);
  throughput.push({
    store: name,
    "submits/s": perSecond.toFixed(0),
    goal: `${goals[name]}/s`,
    met: perSecond >= goals[name] ? "yes" : "no",
  });
}
console.log(
  `Submits per second, one instance, spend limit on, ${IN_FLIGHT} in flight, ${THROUGHPUT_SUBMITS} submits each:`,
);
for (const row of throughput) console.log(`  ${row.store}: ${row["submits/s"]}/s (goal ${row.goal}: ${row.met})`);
await stores.redis.close();
await redis.stop();
// For `npm run bench` (bench/run.mjs), which collects one such line from every measure.
console.log(
  `BENCH-JSON ${JSON.stringify({
    title: "Proxy: added latency per request against direct calls",
    rows: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]!]))),
    note: `${ITERATIONS} requests per side and case after ${WARMUP} warm-up, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; Redis on loopback. ${verdict}`,
  })}`,
);
console.log(
  `BENCH-JSON ${JSON.stringify({
    title: "Proxy: submits per second, one instance, spend limit on",
    rows: throughput,
    note: `${THROUGHPUT_SUBMITS} submits per store, ${IN_FLIGHT} in flight, against the fake upstream; Redis on loopback.`,
  })}`,
);
