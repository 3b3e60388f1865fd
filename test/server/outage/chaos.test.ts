// @vitest-environment node
// Chaos at scale: 1,000 edits by 50 users over two proxy instances on one Redis (append-only
// file, fsync every second, as production runs it), an upstream that refuses (429), fails
// (500) and drops connections at random, one instance SIGKILLed and Redis SIGKILLed and
// started again mid-run. Each browser does what the library's client does: resends a submit
// only after PixelDojo's own 429, keeps the claim, polls with it. Counted at the end: jobs the
// upstream charged that their user cannot read (lost), user actions charged twice, and
// onJobFinished calls per job. The figures are printed for the record.
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startInstanceProcess } from "../../support/instance-process";
import { toNodeHandler } from "../../../src/server";
import { createFakeKling } from "../../../src/testing";
import { startRestartableRedis, type RestartableRedis } from "../../support/redis-restartable";

const API_KEY = "pdj_chaos_0123456789abcdef";
const INSTANCE = fileURLToPath(new URL("./processes/instance.ts", import.meta.url));
const EDITS = 1_000;
const USERS = 50;
const AT_ONCE = 40;
const children: ChildProcess[] = [];
const finished = new Map<string, number>();
const fake = createFakeKling({
  apiKey: API_KEY,
  credits: 1e9,
  queueMs: 300,
  processingMs: 1_200,
  rateLimitRate: 0.05,
  serverErrorRate: 0.03,
  networkErrorRate: 0.02,
  retryAfterSeconds: 1,
  seed: 7,
});
let upstream: http.Server;
let redis: RestartableRedis;
const origins: Array<string | undefined> = [];

const startInstance = (name: string, env: Record<string, string>) =>
  startInstanceProcess(INSTANCE, name, env, children);

/** A live instance, as a load balancer picks one. */
const pick = (i: number): string => {
  const live = origins.filter((origin): origin is string => !!origin);
  return live[i % live.length]!;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Edit {
  user: string;
  prompt: string;
  jobId?: string;
  claim?: string;
  /** The submit's answer never said (a dropped connection, a 5xx, a killed instance). */
  unknown?: boolean;
  ended?: string;
}

/** One user action: the browser client's submit rule, then polling with the claim until an ending. */
async function edit(i: number, one: Edit): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    let response: Response;
    try {
      response = await fetch(`${pick(i + attempt)}/api/kling/models/kling-video-edit/run`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-user": one.user },
        body: JSON.stringify({ prompt: one.prompt, video_url: "https://cdn.example/a.mp4", video_duration: 3 }),
      });
    } catch {
      one.unknown = true;
      return;
    }
    const body = (await response.json().catch(() => ({}))) as {
      jobId?: string;
      claim?: string;
      error?: { code?: string };
    };
    if (response.status === 202 && body.jobId) {
      one.jobId = body.jobId;
      one.claim = body.claim;
      break;
    }
    // Only PixelDojo's own refusal is resent: nothing was charged.
    if (response.status === 429 && body.error?.code === "rate_limited") {
      await pause(Number(response.headers.get("retry-after") ?? 1) * 1000);
      continue;
    }
    one.unknown = response.status >= 500;
    return;
  }
  for (let poll = 0; one.jobId && poll < 200; poll++) {
    await pause(400);
    try {
      const response = await fetch(`${pick(i + poll)}/api/kling/jobs/${one.jobId}`, {
        headers: { "x-user": one.user, "x-kling-claim": one.claim ?? "" },
      });
      if (response.status !== 200) continue;
      const job = (await response.json()) as { status: string };
      if (job.status === "completed" || job.status === "failed") return void (one.ended = job.status);
    } catch {
      // The instance died under this request: the next poll goes to another.
    }
  }
}

/** Whether the user reads the job: a 200, past the upstream's own random faults (a 404 is final). */
async function readable(user: string, jobId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${pick(0)}/api/kling/jobs/${jobId}`, { headers: { "x-user": user } });
    if (response.status === 200 || response.status === 404) return response.status === 200;
    await pause(100);
  }
  return false;
}

beforeAll(async () => {
  redis = await startRestartableRedis({ appendonly: true, fsync: "everysec" });
  upstream = http.createServer(
    toNodeHandler(async (request: Request) => {
      if (new URL(request.url).pathname === "/finished") {
        const { jobId } = (await request.json()) as { jobId: string };
        finished.set(jobId, (finished.get(jobId) ?? 0) + 1);
        return new Response(null, { status: 204 });
      }
      const answer = await fake.handle(request);
      return answer === "network_error" ? Response.error() : answer;
    }),
  );
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  fake.setOptions({ upstreamUrl: `${root}/api/v1` });
  const env = {
    REDIS_URL: redis.url,
    UPSTREAM: `${root}/api/v1`,
    COLLECTOR: `${root}/finished`,
    PREFIX: "chaos",
    API_KEY,
  };
  for (const started of await Promise.all([startInstance("a", env), startInstance("b", env)]))
    origins.push(started.origin);
}, 30_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
  await redis?.stop();
});

test("1,000 edits through faults, a killed instance and a restarted Redis: 0 lost, 0 charged twice, onJobFinished once", async () => {
  const edits: Edit[] = Array.from({ length: EDITS }, (_, i) => ({
    user: `user-${i % USERS}`,
    prompt: `Edit number ${i}`,
  }));
  let next = 0;
  let started = 0;
  const chaos = (async () => {
    while (started < EDITS * 0.3) await pause(50);
    // The instance dies with work in flight; the balancer sends everything to the other.
    children[0]!.kill("SIGKILL");
    origins[0] = undefined;
    while (started < EDITS * 0.6) await pause(50);
    await redis.kill();
    await pause(3_000);
    await redis.start();
  })();
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      for (let i = next++; i < EDITS; i = next++) {
        started++;
        await edit(i, edits[i]!);
      }
    }),
  );
  await chaos;

  const byPrompt = new Map<string, number>();
  for (const job of fake.jobs) byPrompt.set(job.input.prompt, (byPrompt.get(job.input.prompt) ?? 0) + 1);
  const charged = fake.jobs.map((job) => ({ job, one: edits.find((e) => e.prompt === job.input.prompt)! }));
  // A job is lost when the upstream charged it and its user cannot read it now.
  const lost: string[] = [];
  const unanswered: string[] = [];
  for (const { job, one } of charged) {
    if (!one.jobId) {
      // Charged while the instance holding the request died before the answer: no proxy ever
      // learned this id (see the README on what the proxy cannot know).
      unanswered.push(job.jobId);
      continue;
    }
    if (!(await readable(one.user, job.jobId))) lost.push(job.jobId);
  }
  const owned = charged.filter(({ one }) => one.jobId).map(({ job }) => job.jobId);
  await expect
    .poll(() => owned.filter((id) => !finished.has(id)).length, { timeout: 60_000, interval: 250 })
    .toBe(0)
    .catch(async (error) => {
      const { createClient } = await import("redis");
      const client = await createClient({ url: redis.url }).connect();
      for (const id of owned.filter((one) => !finished.has(one)).slice(0, 5)) {
        const keys = (await client.sendCommand(["KEYS", `*${id}*`])) as string[];
        const queues = (await client.sendCommand(["KEYS", "chaos:queue:*"])) as string[];
        const inQueues = [];
        for (const q of queues) inQueues.push([q, await client.sendCommand(["ZSCORE", q, id])]);
        const one = charged.find(({ job }) => job.jobId === id)!;
        console.log(
          "UNFINISHED",
          id,
          JSON.stringify(keys),
          JSON.stringify(inQueues),
          one.one.ended,
          fake.jobs.find((j) => j.jobId === id)?.createdAt,
          Date.now(),
        );
      }
      throw error;
    });
  await pause(2_000);

  const figures = {
    edits: EDITS,
    charged: fake.jobs.length,
    answered202: edits.filter((e) => e.jobId).length,
    unknownOutcome: edits.filter((e) => e.unknown).length,
    chargedUnanswered: unanswered.length,
    lost: lost.length,
    chargedTwice: [...byPrompt.values()].filter((count) => count > 1).length,
    finishedOnce: owned.filter((id) => finished.get(id) === 1).length,
    finishedTwice: [...finished.values()].filter((count) => count > 1).length,
    ended: edits.filter((e) => e.ended).length,
  };
  console.log(`chaos figures: ${JSON.stringify(figures)}`);
  expect(figures.lost).toBe(0);
  expect(figures.chargedTwice).toBe(0);
  expect(figures.finishedTwice).toBe(0);
  expect(figures.finishedOnce).toBe(owned.length);
  expect(figures.ended).toBe(figures.answered202);
}, 240_000);
