// One proxy instance in its own process, for the tests that kill one: the real proxy over the
// Redis store, in front of the test's fake upstream, served by Node's http through toNodeHandler.
// Run with Node 24 (type stripping). Prints {"port":N} once it listens.
import http from "node:http";
import "../../../../scripts/ts-sources.ts";

const { createClient } = await import("redis");
const { createKlingProxy, toNodeHandler } = await import("../../../../src/server/index.ts");
const { createRedisStore } = await import("../../../../src/server/redis/index.ts");

const env = (name: string): string => process.env[name] ?? "";
const [NAME, REDIS_URL, UPSTREAM, COLLECTOR, PREFIX, API_KEY] = [
  "NAME",
  "REDIS_URL",
  "UPSTREAM",
  "COLLECTOR",
  "PREFIX",
  "API_KEY",
].map(env) as [string, string, string, string, string, string];
const redis = await createClient({ url: REDIS_URL })
  .on("error", () => undefined)
  .connect();

const proxy = createKlingProxy({
  apiKey: API_KEY,
  upstream: UPSTREAM,
  basePath: "/api/kling",
  identify: (request) => request.headers.get("x-user"),
  authorize: () => true,
  store: createRedisStore(redis, { prefix: PREFIX, onError: () => undefined }),
  timeoutMs: 1_000,
  push: { tickMs: 100, leaseMs: 1_500, polling: { initialDelayMs: 300, intervalMs: 500 } },
  // Every upstream request says which instance sent it.
  fetch: (input, init) =>
    fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), "x-instance": NAME } }),
  onJobFinished: async (job, owner) => {
    await fetch(COLLECTOR, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ instance: NAME, jobId: job.jobId, status: job.status, owner }),
    });
  },
  log: () => undefined,
});

const server = http.createServer(toNodeHandler(proxy));
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
