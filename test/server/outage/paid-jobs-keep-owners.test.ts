// @vitest-environment node
// Redis dies while six paid submits are in flight. The upstream accepts (and charges) them
// while the store is down. Every one still ends owned by its user: written by the instance
// that kept it once Redis is back (30 s later), or, when that instance died meanwhile and Redis
// came back empty, restored from the claim the browser holds. Real redis-server, SIGKILLed and
// started again on its port; proxy instances in child processes.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRedisStore } from "../../../src/server/redis";
import { startInstanceProcess } from "../../support/instance-process";
import { toNodeHandler } from "../../../src/server";
import { createFakeKling } from "../../../src/testing";
import { startRestartableRedis, type RestartableRedis } from "../../support/redis-restartable";

const API_KEY = "pdj_outage_0123456789abcdef";
const INSTANCE = fileURLToPath(new URL("./processes/instance.ts", import.meta.url));
const OUTAGE_MS = 30_000;
const USERS = ["ann", "bob", "cat", "dan", "eve", "fay"];
const children: ChildProcess[] = [];
const fake = createFakeKling({ apiKey: API_KEY, queueMs: 1_000, processingMs: 60_000 });
let upstream: http.Server;
let root = "";
const held: Array<() => void> = [];
let holding = false;

let started = 0;
const startInstance = (env: Record<string, string>) =>
  startInstanceProcess(INSTANCE, `instance-${++started}`, env, children);

const submit = (origin: string, user: string) =>
  fetch(`${origin}/api/kling/models/kling-video-edit/run`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user": user },
    body: JSON.stringify({ prompt: `Snow for ${user}`, video_url: "https://cdn.example/a.mp4", video_duration: 5 }),
  }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as { jobId: string; creditCost: number; claim: string },
  }));

const status = (origin: string, user: string, jobId: string, claim?: string) =>
  fetch(`${origin}/api/kling/jobs/${jobId}`, {
    headers: { "x-user": user, ...(claim ? { "x-kling-claim": claim } : {}) },
  }).then((response) => response.status);

const history = (origin: string, user: string) =>
  fetch(`${origin}/api/kling/jobs`, { headers: { "x-user": user } }).then(async (response) =>
    ((await response.json()) as { jobs: Array<{ jobId: string }> }).jobs.map((job) => job.jobId),
  );

/** Six submits that reach the upstream while Redis is up, answered only after it was killed. */
async function submitsAcrossTheKill(origin: string, redis: RestartableRedis) {
  holding = true;
  const answers = Promise.all(USERS.map((user) => submit(origin, user)));
  await expect.poll(() => held.length, { timeout: 10_000, interval: 20 }).toBe(USERS.length);
  await redis.kill();
  holding = false;
  for (const release of held.splice(0)) release();
  return answers;
}

beforeAll(async () => {
  upstream = http.createServer(
    toNodeHandler(async (request: Request) => {
      if (request.method === "POST" && holding) await new Promise<void>((resolve) => held.push(resolve));
      const answer = await fake.handle(request);
      return answer === "network_error" ? new Response(null, { status: 502 }) : answer;
    }),
  );
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  root = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/api/v1`;
  fake.setOptions({ upstreamUrl: root });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe("the instance lives through a 30 s outage (Redis with its append-only file)", () => {
  let redis: RestartableRedis;
  beforeAll(async () => {
    redis = await startRestartableRedis({ appendonly: true });
  });
  afterAll(() => redis?.stop());

  test("every charged job is written once Redis is back: owned, listed, settled, hidden from others", async () => {
    const env = { REDIS_URL: redis.url, UPSTREAM: root, PREFIX: "outage-a", API_KEY };
    const [one, two] = await Promise.all([startInstance(env), startInstance(env)]);
    const answers = await submitsAcrossTheKill(one.origin, redis);
    // Charged upstream: every browser learns its job (and holds its claim), store or no store.
    expect(answers.map((answer) => answer.status)).toEqual(USERS.map(() => 202));
    for (const { body } of answers) expect(body.claim).toMatch(/^[\w-]+\.[\w-]+$/);
    // During the outage the owner's instance answers from the record it keeps.
    expect(await status(one.origin, "ann", answers[0]!.body.jobId)).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await redis.start();

    // Written by the instance that kept them; read on the other one, without any claim.
    for (const [i, user] of USERS.entries()) {
      const { jobId } = answers[i]!.body;
      await expect.poll(() => status(two.origin, user, jobId), { timeout: 20_000, interval: 200 }).toBe(200);
      expect(await history(two.origin, user)).toContain(jobId);
      expect(await status(two.origin, USERS[(i + 1) % USERS.length]!, jobId)).toBe(404);
    }
    // The reservations made before the kill were settled to the upstream's cost.
    const client = await createClient({ url: redis.url })
      .on("error", () => undefined)
      .connect();
    const store = createRedisStore(client, { prefix: "outage-a" });
    for (const [i, user] of USERS.entries()) {
      const probe = await store.reserveCredits(user, 1_001, { credits: 1_000, windowMs: 3_600_000 }, Date.now());
      expect(probe).toMatchObject({ ok: false, used: answers[i]!.body.creditCost });
    }
    await client.quit();
  }, 90_000);
});

describe("the instance dies during the outage, and Redis comes back empty", () => {
  let redis: RestartableRedis;
  beforeAll(async () => {
    redis = await startRestartableRedis();
  });
  afterAll(() => redis?.stop());

  test("each owner's claim restores their job on the other instance, once and for them only", async () => {
    const env = { REDIS_URL: redis.url, UPSTREAM: root, PREFIX: "outage-b", API_KEY };
    const [one, two] = await Promise.all([startInstance(env), startInstance(env)]);
    const answers = await submitsAcrossTheKill(one.origin, redis);
    expect(answers.map((answer) => answer.status)).toEqual(USERS.map(() => 202));
    one.child.kill("SIGKILL");
    await redis.start();

    for (const [i, user] of USERS.entries()) {
      const { jobId, claim } = answers[i]!.body;
      const other = USERS[(i + 1) % USERS.length]!;
      // Another user holding the claim learns nothing, and restores nothing.
      await expect.poll(() => status(two.origin, other, jobId, claim), { timeout: 20_000, interval: 200 }).toBe(404);
      expect(await status(two.origin, user, jobId)).toBe(404);
      expect(await status(two.origin, user, jobId, claim)).toBe(200);
      // Restored: the owner reads it without the claim now, in the history too.
      expect(await status(two.origin, user, jobId)).toBe(200);
      expect(await history(two.origin, user)).toContain(jobId);
      expect(await status(two.origin, other, jobId)).toBe(404);
    }
    // A forged claim (another job's, edited) opens nothing.
    const [payload, signature] = answers[0]!.body.claim.split(".");
    const forged = `${Buffer.from(
      Buffer.from(payload!, "base64url")
        .toString()
        .replace(/"owner":"ann"/, '"owner":"bob"'),
    ).toString("base64url")}.${signature}`;
    expect(await status(two.origin, "bob", answers[0]!.body.jobId, forged)).toBe(404);
  }, 90_000);
});
