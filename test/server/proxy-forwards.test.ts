// @vitest-environment node
import { describe, expect, test, vi } from "vitest";
import { createKlingClient, KlingError, type KlingJob } from "../../src/core";
import type { KlingProxyAction } from "../../src/server";
import { BASE, KEY, ORIGIN, RUN, VALID_INPUT, harness, submittedJob } from "./support";

describe("the proxy forwards the two calls of the contract", () => {
  test("a submit goes upstream with the key and the normalised input, and statusUrl points at the proxy", async () => {
    const { fake, submit } = harness();
    const response = await submit({ ...VALID_INPUT, prompt: "  Make it snow  ", extra: "dropped", admin: true });

    expect(response.status).toBe(202);
    const job = (await response.json()) as KlingJob;
    expect(job.status).toBe("pending");
    expect(job.statusUrl).toBe(`${ORIGIN}${BASE}/jobs/${job.jobId}`);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: "POST",
      path: "/models/kling-video-edit/run",
      via: "upstream",
      authorization: `Bearer ${KEY}`,
      body: { ...VALID_INPUT, tier: "pro", keep_audio: true },
    });
    expect(fake.requests[0]!.body).not.toHaveProperty("extra");
  });

  test("a status request goes upstream with the key, and statusUrl points at the proxy", async () => {
    const h = harness();
    const { fake, call } = h;
    const jobId = await submittedJob(h);

    const response = await call(`${BASE}/jobs/${jobId}`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      jobId,
      status: "pending",
      statusUrl: `${ORIGIN}${BASE}/jobs/${jobId}`,
    });
    expect(fake.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `/jobs/${jobId}`,
      authorization: `Bearer ${KEY}`,
    });
  });

  test("the completed job's output passes through unchanged", async () => {
    const h = harness({}, { outputVideoUrl: "https://cdn.example/edited.mp4" });
    const { fake, call } = h;
    const jobId = await submittedJob(h);
    fake.advance(10 * 60_000);

    const job = (await (await call(`${BASE}/jobs/${jobId}`)).json()) as KlingJob;

    expect(job).toMatchObject({ status: "completed", output: { video: "https://cdn.example/edited.mp4" } });
  });

  test("answers are JSON, never cached and never sniffed", async () => {
    const { submit } = harness();
    const response = await submit();
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("the query string is never sent upstream", async () => {
    const h = harness();
    const { fake, call } = h;
    const jobId = await submittedJob(h);
    const response = await call(`${BASE}/jobs/${jobId}?next=/../../admin&api_key=x`);
    expect(response.status).toBe(200);
    expect(fake.requests.at(-1)!.path).toBe(`/jobs/${jobId}`);
  });

  test("HEAD on a job answers the status without a body", async () => {
    const h = harness();
    const { fake, call } = h;
    const jobId = await submittedJob(h);
    const response = await call(`${BASE}/jobs/${jobId}`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: `/jobs/${jobId}` });
  });

  test("OPTIONS answers 204 with Allow, no CORS headers and no upstream request", async () => {
    const { fake, call } = harness();
    const run = await call(RUN, { method: "OPTIONS", headers: { origin: "https://other.example" } });
    const status = await call(`${BASE}/jobs/job_1`, { method: "OPTIONS" });
    expect(run.status).toBe(204);
    expect(run.headers.get("allow")).toBe("POST, OPTIONS");
    expect(status.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect([...run.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  test("authorize is asked with the request and the parsed action", async () => {
    const authorize = vi.fn((_request: Request, _action: KlingProxyAction) => true);
    const { fake, submit, call } = harness({ authorize });
    await submit({ ...VALID_INPUT, tier: "standard" }, { headers: { "x-user": "ada" } });
    const jobId = fake.jobs[0]!.jobId;
    await call(`${BASE}/jobs/${jobId}`);

    expect(authorize).toHaveBeenCalledTimes(2);
    const [request, action] = authorize.mock.calls[0]!;
    expect(request.headers.get("x-user")).toBe("ada");
    expect(action).toEqual({ type: "submit", input: { ...VALID_INPUT, tier: "standard", keep_audio: true } });
    expect(authorize.mock.calls[1]![1]).toEqual({ type: "status", jobId });
  });

  test("an async authorize that says yes lets the request through", async () => {
    const { submit } = harness({ authorize: async () => true });
    expect((await submit()).status).toBe(202);
  });

  test("upstream errors pass through with their status and body", async () => {
    const h = harness({}, { credits: 50 });
    const { fake, call, submit } = h;
    // A job the upstream has forgotten (its clock is past the job's lifetime).
    const forgotten = await submittedJob(h);
    fake.advance(25 * 3_600_000);
    const missing = await call(`${BASE}/jobs/${forgotten}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "Job not found" });

    const broke = await submit();
    expect(broke.status).toBe(402);
    expect(await broke.json()).toMatchObject({ creditsRemaining: 10 });

    fake.failNext({ fault: "server_error" });
    expect((await submit()).status).toBe(500);
  });

  test("a 429 keeps its Retry-After", async () => {
    const { fake, submit } = harness();
    fake.failNext({ fault: "rate_limit", retryAfterSeconds: 7 });
    const response = await submit();
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
  });

  test("limits are overridable and reach validation", async () => {
    const long = { ...VALID_INPUT, video_duration: 15 };
    expect((await harness().submit(long)).status).toBe(400);
    expect(
      (await harness({ limits: { maxDurationSeconds: 20 } }, { limits: { maxDurationSeconds: 20 } }).submit(long))
        .status,
    ).toBe(202);
  });

  test("mounted at the root and with a custom upstream", async () => {
    const upstream = "https://staging.pixeldojo.example/api/v1/";
    const { fake, call } = harness(
      { basePath: "", upstream },
      { upstreamUrl: "https://staging.pixeldojo.example/api/v1" },
    );
    const response = await call("/models/kling-video-edit/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(VALID_INPUT),
    });
    expect(response.status).toBe(202);
    const { jobId, statusUrl } = (await response.json()) as KlingJob;
    expect(statusUrl).toBe(`${ORIGIN}/jobs/${jobId}`);
    expect(fake.requests[0]!.via).toBe("upstream");
  });

  test("the browser client drives a whole edit through it and reads its errors", async () => {
    const { fake, proxy } = harness();
    const client = createKlingClient({
      proxyUrl: `${ORIGIN}${BASE}`,
      fetch: (input, init) => proxy(new Request(input, init)),
      maxRateLimitRetries: 0,
    });
    const submitted = await client.submitEdit(VALID_INPUT);
    fake.advance(10 * 60_000);
    const done = await client.getJob(submitted.jobId);
    expect(done.status).toBe("completed");

    fake.failNext({ fault: "rate_limit", retryAfterSeconds: 3 });
    const error = await client.submitEdit(VALID_INPUT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlingError);
    expect(error).toMatchObject({ code: "rate_limited", retryAfterMs: 3000 });
  });
});
