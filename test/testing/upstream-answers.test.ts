// The simulated upstream and the proxy, each held to PixelDojo's documented answers
// (fixtures/upstream): the fake answers in their shapes, and the proxy (with the browser's client
// behind it) understands every one of them. The fake keeps its own rules, so a drift between the
// proxy and the upstream shows up here rather than in production.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKlingClient } from "../../src/core/client";
import { KlingError } from "../../src/core/errors";
import { describeJob } from "../../src/core/status";
import type { KlingJob } from "../../src/core/types";
import { createKlingProxy } from "../../src/server";
import { createFakeKling, PIXELDOJO_API_URL, type FakeKling } from "../../src/testing";

interface Recorded {
  request: { method: "GET" | "POST"; path: string };
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const folder = join(import.meta.dirname, "fixtures/upstream");
const recorded: Record<string, Recorded> = Object.fromEntries(
  readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => [name.slice(0, -".json".length), JSON.parse(readFileSync(join(folder, name), "utf8")) as Recorded]),
);
const one = (name: string) => {
  const found = recorded[name];
  if (!found) throw new Error(`No recorded answer ${name}.json`);
  return found;
};
const JOB_ID = one("submit-accepted").body.jobId as string;

/** A value's shape: the type of each field, nested; arrays by their first item. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return [shapeOf(value[0])];
  if (value === null) return "null";
  if (typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]));
  return typeof value;
}

/** Fields the fake adds to a documented answer: `statusUrl` on every job, field details on refusals. */
const FAKE_EXTRAS = ["statusUrl", "fieldErrors"];
const withoutExtras = (body: Record<string, unknown>, documented: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key in documented || !FAKE_EXTRAS.includes(key)));

const KEY = "test-key";
const INPUT = { prompt: "Make it snow", video_url: "https://cdn.example/source.mp4", video_duration: 5 };
const run = (fake: FakeKling, body: unknown = INPUT, key = KEY) =>
  fake.fetch(`${PIXELDOJO_API_URL}/models/kling-video-edit/run`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const status = (fake: FakeKling, jobId: string) =>
  fake.fetch(`${PIXELDOJO_API_URL}/jobs/${jobId}`, { headers: { authorization: `Bearer ${KEY}` } });

async function expectShape(answer: Response, name: string) {
  const documented = one(name);
  expect(answer.status, name).toBe(documented.status);
  for (const header of Object.keys(documented.headers))
    expect(answer.headers.get(header), `${name}: ${header}`).not.toBeNull();
  const body = (await answer.json()) as Record<string, unknown>;
  expect(shapeOf(withoutExtras(body, documented.body)), name).toEqual(shapeOf(documented.body));
  return body;
}

describe("the fake answers in PixelDojo's documented shapes", () => {
  it("a submit, then a job in each state", async () => {
    const fake = createFakeKling({ queueMs: 1_000, processingMs: 1_000, seed: 1 });
    const accepted = await expectShape(await run(fake), "submit-accepted");
    expect(accepted).toMatchObject({
      status: "pending",
      statusUrl: `${PIXELDOJO_API_URL}/jobs/${accepted.jobId as string}`,
    });
    expect(new Date(accepted.expiresAt as string).toISOString()).toBe(accepted.expiresAt);
    const jobId = accepted.jobId as string;
    expect((await expectShape(await status(fake, jobId), "status-pending")).status).toBe("pending");
    fake.advance(1_000);
    expect((await expectShape(await status(fake, jobId), "status-processing")).status).toBe("processing");
    fake.advance(1_000);
    expect((await expectShape(await status(fake, jobId), "status-completed")).status).toBe("completed");

    const failing = createFakeKling({ queueMs: 0, processingMs: 0, failureRate: 1, seed: 1 });
    const failed = (await (await run(failing)).json()) as { jobId: string };
    expect((await expectShape(await status(failing, failed.jobId), "status-failed")).status).toBe("failed");
  });

  it("its refusals", async () => {
    const fake = createFakeKling({ seed: 1 });
    await expectShape(await run(fake, INPUT, "wrong-key"), "error-unauthorized");
    await expectShape(await run(fake, { ...INPUT, video_duration: 30 }), "error-invalid-input");
    await expectShape(await status(fake, "job_unknown"), "error-job-not-found");
    fake.failNext({ fault: "rate_limit" });
    await expectShape(await run(fake), "error-rate-limited");
    expect(fake.jobs).toHaveLength(0);
  });
});

/** An upstream that answers with the recorded exchanges, their dates moved to now (replayed today). */
function replaying(answers: { run: string; job: string }) {
  const expiresAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const seen: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/api\/v1/, "");
    seen.push(`${request.method} ${path}`);
    const exchange = one(request.method === "POST" ? answers.run : answers.job);
    if (exchange.request.method !== request.method || exchange.request.path !== path)
      return new Response(null, { status: 599 });
    const body = "expiresAt" in exchange.body ? { ...exchange.body, expiresAt } : exchange.body;
    return new Response(JSON.stringify(body), { status: exchange.status, headers: exchange.headers });
  };
  return { fetch, seen, expiresAt };
}

const ORIGIN = "https://app.example";
const BASE = "/api/kling";

function throughTheProxy(answers: { run: string; job: string }) {
  const upstream = replaying(answers);
  const proxy = createKlingProxy({
    apiKey: KEY,
    fetch: upstream.fetch,
    basePath: BASE,
    identify: () => "alice",
    authorize: () => true,
    push: false,
    log: () => undefined,
  });
  // The client waits out a 429's Retry-After and asks again; here the first refusal is the answer.
  const client = createKlingClient({
    proxyUrl: `${ORIGIN}${BASE}`,
    fetch: (input, init) => proxy(new Request(input, init)),
    maxRateLimitRetries: 0,
  });
  return { upstream, client };
}

describe("the proxy understands PixelDojo's documented answers", () => {
  it("the submit's answer: the job id, the cost and the expiry pass, statusUrl points at the proxy", async () => {
    const { upstream, client } = throughTheProxy({ run: "submit-accepted", job: "status-pending" });
    const job = await client.submitEdit(INPUT);
    expect(upstream.seen).toEqual(["POST /models/kling-video-edit/run"]);
    expect(job).toMatchObject({
      jobId: JOB_ID,
      status: "pending",
      statusUrl: `${ORIGIN}${BASE}/jobs/${JOB_ID}`,
      creditCost: 40,
      creditsRemaining: 960,
      expiresAt: upstream.expiresAt,
    });
  });

  it.each([
    ["status-pending", { status: "pending" }],
    ["status-processing", { status: "processing" }],
    ["status-completed", { status: "completed", videoUrl: `https://cdn.pixeldojo.ai/outputs/${JOB_ID}.mp4` }],
    ["status-completed-assets", { status: "completed", videoUrl: `https://cdn.pixeldojo.ai/outputs/${JOB_ID}.mp4` }],
  ])("a job's status (%s) reads as the browser shows it", async (name, view) => {
    const { upstream, client } = throughTheProxy({ run: "submit-accepted", job: name });
    await client.submitEdit(INPUT);
    const job: KlingJob = await client.getJob(JOB_ID);
    expect(upstream.seen).toEqual(["POST /models/kling-video-edit/run", `GET /jobs/${JOB_ID}`]);
    expect(job.creditCost).toBe(40);
    expect(describeJob(job)).toEqual(view);
  });

  it("a failed job carries the upstream's reason", async () => {
    const { client } = throughTheProxy({ run: "submit-accepted", job: "status-failed" });
    await client.submitEdit(INPUT);
    const { status, error } = describeJob(await client.getJob(JOB_ID));
    expect(status).toBe("failed");
    expect(error).toMatchObject({ code: "job_failed", message: expect.stringContaining("could not apply this edit") });
  });

  it.each([
    ["error-invalid-input", "submit", { status: 400, message: expect.stringContaining("3 to 10 seconds") }],
    ["error-rate-limited", "submit", { status: 429, code: "rate_limited", retryAfterMs: 2_000 }],
    ["error-unauthorized", "submit", { status: 401 }],
    ["error-job-not-found", "status", { status: 404, code: "not_found" }],
  ] as const)("a refusal (%s) reaches the browser as a KlingError", async (name, call, expected) => {
    const { client } = throughTheProxy(
      call === "submit" ? { run: name, job: "status-pending" } : { run: "submit-accepted", job: name },
    );
    if (call === "status") await client.submitEdit(INPUT);
    const error = await (call === "submit" ? client.submitEdit(INPUT) : client.getJob(JOB_ID)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(KlingError);
    expect(error).toMatchObject(expected);
  });
});
