// @vitest-environment node
// Two proxy instances in two processes on one Redis; the one doing the job's watch is killed
// (SIGKILL) mid-job. The other takes the watch over once the dead one's claim lapses, every
// stream still ends completed (those of the dead instance after reconnecting, as a browser
// does), and onJobFinished runs once.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startInstanceProcess } from "../../support/instance-process";
import { toNodeHandler } from "../../../src/server";
import { createFakeKling } from "../../../src/testing";
import { startRedis, type TestRedis } from "../../support/redis";

const API_KEY = "pdj_takeover_0123456789abcdef";
const INSTANCE = fileURLToPath(new URL("./processes/instance.ts", import.meta.url));
let redis: TestRedis;
let upstream: http.Server;
const children: ChildProcess[] = [];
const readsBy: string[] = [];
const finished: Array<{ instance: string; jobId: string; status: string; owner: string }> = [];
const fake = createFakeKling({
  apiKey: API_KEY,
  queueMs: 1_000,
  processingMs: 3_000,
  outputVideoUrl: "https://cdn.example/out.mp4",
});

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const startInstance = (name: string, env: Record<string, string>) =>
  startInstanceProcess(INSTANCE, name, env, children);

/** Follows a job's event stream until it ends or breaks; resolves with the statuses and the last id seen. */
async function follow(origin: string, jobId: string, lastEventId?: string) {
  const seen: Array<{ id: string; status: string }> = [];
  const headers: Record<string, string> = { "x-user": "alice" };
  if (lastEventId) headers["last-event-id"] = lastEventId;
  let broke = false;
  try {
    const response = await fetch(`${origin}/api/kling/jobs/${jobId}/events`, { headers });
    const reader = response.body!.getReader();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      for (const block of buffer.split("\n\n").slice(0, -1)) {
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) seen.push({ id, status: (JSON.parse(data) as { status: string }).status });
      }
      buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
    }
  } catch {
    broke = true;
  }
  return { seen, broke };
}

let origins: string[] = [];
let prefix = "";
beforeAll(async () => {
  redis = await startRedis();
  upstream = http.createServer(
    toNodeHandler(async (request: Request) => {
      if (new URL(request.url).pathname === "/finished") {
        finished.push((await request.json()) as (typeof finished)[number]);
        return new Response(null, { status: 204 });
      }
      if (request.method === "GET") readsBy.push(request.headers.get("x-instance") ?? "?");
      const answer = await fake.handle(request);
      return answer === "network_error" ? new Response(null, { status: 502 }) : answer;
    }),
  );
  const root = await listen(upstream);
  prefix = `takeover-${process.pid}`;
  const env = {
    REDIS_URL: redis.url,
    UPSTREAM: `${root}/api/v1`,
    COLLECTOR: `${root}/finished`,
    PREFIX: prefix,
    API_KEY,
  };
  fake.setOptions({ upstreamUrl: `${root}/api/v1` });
  origins = (await Promise.all([startInstance("a", env), startInstance("b", env)])).map((one) => one.origin);
}, 30_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
  await redis?.stop();
});

test("kill the instance doing the watch mid-job: the other takes over; every stream completes; onJobFinished once", async () => {
  const submitted = await fetch(`${origins[0]}/api/kling/models/kling-video-edit/run`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user": "alice" },
    body: JSON.stringify({ prompt: "Make it snow", video_url: "https://cdn.example/a.mp4", video_duration: 5 }),
  });
  expect(submitted.status).toBe(202);
  const { jobId } = (await submitted.json()) as { jobId: string };
  const streams = Array.from({ length: 10 }, (_, i) => ({ instance: i % 2, result: follow(origins[i % 2]!, jobId) }));

  // Wait for the watch to have read the job upstream, then kill whoever read it last.
  await expect.poll(() => readsBy.length, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(2);
  const holder = readsBy.at(-1) === "a" ? 0 : 1;
  children[holder]!.kill("SIGKILL");
  const survivor = 1 - holder;

  const cutOff: string[] = [];
  const results = await Promise.all(
    streams.map(async ({ instance, result }) => {
      const first = await result;
      if (instance === survivor) return first;
      // The dead instance's streams stopped short of the end.
      cutOff.push(first.seen.at(-1)?.status ?? "none");
      // A browser whose connection broke opens it again (the balancer now sends it to the survivor).
      const again = await follow(origins[survivor]!, jobId, first.seen.at(-1)?.id);
      return { seen: [...first.seen, ...again.seen], broke: first.broke };
    }),
  );
  expect(cutOff).toHaveLength(5);
  expect(cutOff).not.toContain("completed");
  for (const { seen } of results) {
    expect(seen.at(-1)).toMatchObject({ status: "completed" });
    // No event twice, ids growing, whatever the reconnection.
    const ids = seen.map((event) => Number(event.id));
    expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y));
  }
  // The survivor did the reads after the kill.
  expect(
    readsBy
      .slice(readsBy.lastIndexOf(holder === 0 ? "a" : "b") + 1)
      .every((name) => name === (survivor === 0 ? "a" : "b")),
  ).toBe(true);

  await expect.poll(() => finished.length, { timeout: 10_000, interval: 20 }).toBe(1);
  expect(finished[0]).toMatchObject({ jobId, status: "completed", owner: "alice" });
  // Nothing is left to hand over: no second call can come.
  const client = await redis.connect();
  expect(await client.sendCommand(["ZCARD", `${prefix}:queue:finish`])).toBe(0);
}, 40_000);
