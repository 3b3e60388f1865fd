// One proxy instance in its own process for the outage tests: the real proxy over the Redis
// store (with a spend limit), in front of the test's upstream, served through toNodeHandler.
// Run with Node 24 (type stripping). Prints {"port":N} once it listens.
import http from "node:http";
import "../../../../scripts/ts-sources.ts";

const { createClient } = await import("redis");
const { createKlingProxy, toNodeHandler } = await import("../../../../src/server/index.ts");
const { createRedisStore } = await import("../../../../src/server/redis/index.ts");

const env = (name: string): string => process.env[name] ?? "";
const redis = await createClient({ url: env("REDIS_URL") })
  .on("error", () => undefined)
  .connect();

const proxy = createKlingProxy({
  apiKey: env("API_KEY"),
  upstream: env("UPSTREAM"),
  basePath: "/api/kling",
  identify: (request) => request.headers.get("x-user"),
  authorize: () => true,
  store: createRedisStore(redis, { prefix: env("PREFIX"), onError: () => undefined }),
  spendLimit: { credits: 1_000, windowMs: 3_600_000 },
  timeoutMs: 5_000,
  push: { tickMs: 100, polling: { initialDelayMs: 300, intervalMs: 500 } },
  ...(env("COLLECTOR")
    ? {
        onJobFinished: async (job: { jobId: string; status: string }, owner: string) => {
          await fetch(env("COLLECTOR"), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ instance: env("NAME"), jobId: job.jobId, status: job.status, owner }),
          });
        },
      }
    : {}),
  log: (event) => process.stderr.write(`${JSON.stringify(event)}\n`),
});

const server = http.createServer(toNodeHandler(proxy));
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
