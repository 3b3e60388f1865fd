// Submits on a Redis Cluster (3 primaries, 3 replicas on loopback) beside one Redis node: the
// added latency of a submit (spend limit on) against the fake upstream called directly, and the
// submits per second one instance sustains. Short: 1,000 timed submits and 2,000 for throughput.
// Run: node bench/proxy-cluster.ts
import "../scripts/ts-sources.ts";

const { createKlingProxy, PIXELDOJO_API_URL, RUN_PATH } = await import("../src/server/index.ts");
const { createRedisStore } = await import("../src/server/redis/index.ts");
const { createFakeKling } = await import("../src/testing/fake-kling.ts");
const { startRedis } = await import("../test/support/redis.ts");
const { startRedisCluster } = await import("../test/support/redis-cluster.ts");

const KEY = "bench-key";
const INPUT = JSON.stringify({ prompt: "Make it snow", video_url: "https://cdn.example/in.mp4", video_duration: 5 });
const json = { "content-type": "application/json" };
const TIMED = 1_000;
const THROUGHPUT = 2_000;
const IN_FLIGHT = 32;

const single = await startRedis();
const cluster = await startRedisCluster();
const stores = {
  "one node": createRedisStore(await single.connect(), { prefix: "bench" }),
  "cluster (3+3)": createRedisStore(await cluster.connect(), { prefix: "bench" }),
};

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
const rows: Array<Record<string, string>> = [];
for (const [name, store] of Object.entries(stores)) {
  const fake = createFakeKling({ apiKey: KEY, credits: Number.MAX_SAFE_INTEGER });
  const proxy = createKlingProxy({
    apiKey: KEY,
    fetch: fake.fetch,
    basePath: "/api/kling",
    identify: () => `bench-${Math.floor(Math.random() * 100)}`,
    authorize: () => true,
    spendLimit: { credits: Number.MAX_SAFE_INTEGER, windowMs: 3_600_000 },
    store,
    log: () => undefined,
  });
  const submit = () =>
    proxy(new Request(`http://localhost/api/kling${RUN_PATH}`, { method: "POST", headers: json, body: INPUT }));
  const direct = () =>
    fake.fetch(`${PIXELDOJO_API_URL}${RUN_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, ...json },
      body: INPUT,
    });
  const samples = { direct: [] as number[], proxied: [] as number[] };
  for (let i = 0; i < 200 + TIMED; i++) {
    for (const side of ["direct", "proxied"] as const) {
      const start = performance.now();
      const response = await (side === "direct" ? direct() : submit());
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`submit answered ${response.status}`);
      if (i >= 200) samples[side].push(performance.now() - start);
    }
  }
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent++ < THROUGHPUT) await (await submit()).arrayBuffer();
    }),
  );
  const perSecond = THROUGHPUT / ((performance.now() - started) / 1000);
  rows.push({
    redis: name,
    "submit p50 (proxy)": `${median(samples.proxied).toFixed(2)} ms`,
    "added p50": `${(median(samples.proxied) - median(samples.direct)).toFixed(2)} ms`,
    "submits/s": perSecond.toFixed(0),
  });
}
for (const store of Object.values(stores)) await store.close();
await single.stop();
await cluster.stop();
console.table(rows);
console.log(
  `BENCH-JSON ${JSON.stringify({
    title: "Proxy on Redis: one node beside a cluster (submits, spend limit on)",
    rows,
    note: `${TIMED} timed submits after 200 warm-up, then ${THROUGHPUT} with ${IN_FLIGHT} in flight; 100 users; all on loopback, Node ${process.version}.`,
  })}`,
);
process.exit(0);
