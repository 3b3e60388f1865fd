import { describe, expect, it, vi } from "vitest";
import { createKlingClient, errorFromResponse, KlingError, parseRetryAfter } from "../../src";
import { createFakeKling, createFakeProxy } from "../../src/testing";
import { installFakeClock, validInput } from "../support/kling";

const PROXY = "https://app.example.com/api/kling";

/** The client in front of the real proxy and the fake upstream; `fetchSpy` sees what the browser sends. */
function clientOn(fake = createFakeKling()) {
  const proxy = createFakeProxy(fake, { origin: "https://app.example.com" });
  const fetchSpy = vi.fn(proxy.fetch);
  return { fake, proxy, fetchSpy, client: createKlingClient({ proxyUrl: `${PROXY}/`, fetch: fetchSpy }) };
}

const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(
    async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers }),
  );

describe("createKlingClient", () => {
  it("posts the normalised input to the proxy's run path, uncached", async () => {
    const { client, fetchSpy, fake } = clientOn();
    const job = await client.submitEdit({ ...validInput, prompt: " Make it snow " });
    expect(job).toMatchObject({ status: "pending", creditCost: 40, creditsRemaining: 960 });
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe(`${PROXY}/models/kling-video-edit/run`);
    expect(init).toMatchObject({ method: "POST", cache: "no-store" });
    expect(JSON.parse(init!.body as string)).toEqual({ ...validInput, tier: "pro", keep_audio: true });
    expect(new Headers(init!.headers).get("content-type")).toBe("application/json");
    expect(fake.requests).toHaveLength(1);
  });

  it("encodes the job id in the status path", async () => {
    const fetchSpy = reply(200, { jobId: "a/b?c", status: "processing" });
    const client = createKlingClient({ proxyUrl: PROXY, fetch: fetchSpy });
    await client.getJob("a/b?c");
    expect(fetchSpy.mock.calls[0]![0]).toBe(`${PROXY}/jobs/a%2Fb%3Fc`);
  });

  it("sends the app's headers, from an object or a function called per request", async () => {
    const fetchSpy = reply(200, { jobId: "j", status: "pending" });
    let n = 0;
    const client = createKlingClient({
      proxyUrl: PROXY,
      fetch: fetchSpy,
      headers: async () => ({ "x-token": `t${++n}` }),
    });
    await client.getJob("j");
    await client.getJob("j");
    const tokens = fetchSpy.mock.calls.map(([, init]) => new Headers(init!.headers).get("x-token"));
    expect(tokens).toEqual(["t1", "t2"]);
  });

  it("validates before sending anything", async () => {
    const { client, fetchSpy } = clientOn();
    const error = await client.submitEdit({ ...validInput, video_url: "javascript:alert(1)" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlingError);
    expect(error).toMatchObject({ code: "invalid_input", fieldErrors: { video_url: { code: "invalid_url" } } });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    [401, "unauthorized"],
    [402, "insufficient_credits"],
    [403, "forbidden"],
    [404, "not_found"],
    [500, "upstream_error"],
    [502, "upstream_error"],
    [504, "timeout"],
  ])("maps HTTP %i to %s, keeping the server's message", async (status, code) => {
    const client = createKlingClient({ proxyUrl: PROXY, fetch: reply(status, { error: "said the server" }) });
    await expect(client.getJob("j")).rejects.toMatchObject({ code, status, message: "said the server", jobId: "j" });
  });

  it("reads the proxy's structured errors, field errors included", async () => {
    const body = {
      error: { code: "invalid_input", message: "Bad", fieldErrors: { prompt: { code: "required", message: "x" } } },
    };
    const client = createKlingClient({ proxyUrl: PROXY, fetch: reply(400, body) });
    await expect(client.getJob("j")).rejects.toMatchObject({
      code: "invalid_input",
      message: "Bad",
      fieldErrors: { prompt: { code: "required" } },
    });
  });

  it("falls back to the default message when the error body is not JSON", async () => {
    const client = createKlingClient({ proxyUrl: PROXY, fetch: reply(502, "<html>Bad gateway</html>") });
    await expect(client.getJob("j")).rejects.toMatchObject({
      code: "upstream_error",
      message: "The video service had a problem.",
    });
  });

  it.each([
    ["not JSON", "<html>oops</html>"],
    ["not a job", { hello: "world" }],
    ["a job without status", { jobId: "j" }],
    ["null", "null"],
  ])("treats a 200 that is %s as bad_response", async (_, body) => {
    const client = createKlingClient({ proxyUrl: PROXY, fetch: reply(200, body) });
    await expect(client.getJob("j")).rejects.toMatchObject({ code: "bad_response", status: 200 });
  });

  it("maps a failed connection to network_error", async () => {
    const client = createKlingClient({
      proxyUrl: PROXY,
      fetch: vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    });
    await expect(client.getJob("j")).rejects.toMatchObject({ code: "network_error" });
  });

  it("passes an abort through as an abort, not as a network error", async () => {
    const controller = new AbortController();
    const client = createKlingClient({
      proxyUrl: PROXY,
      fetch: vi.fn(async () => {
        controller.abort();
        throw new DOMException("aborted", "AbortError");
      }),
    });
    await expect(client.getJob("j", { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("never resends a submit that failed with a 5xx or a network error", async () => {
    for (const fault of ["server_error", "network_error", "malformed"] as const) {
      const { client, fake, fetchSpy } = clientOn();
      fake.failNext({ fault, on: "submit" });
      await expect(client.submitEdit(validInput)).rejects.toBeInstanceOf(KlingError);
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      expect(fake.jobs).toHaveLength(0);
    }
  });

  it("resends a submit refused with 429 after Retry-After, and only then", async () => {
    installFakeClock();
    const { client, fake, fetchSpy } = clientOn();
    fake.failNext({ fault: "rate_limit", on: "submit", retryAfterSeconds: 3 });
    const result = client.submitEdit(validInput);
    await vi.advanceTimersByTimeAsync(2_900);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(result).resolves.toMatchObject({ status: "pending" });
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    expect(fake.jobs).toHaveLength(1);
  });

  it("gives up on 429 after the retry budget, or when Retry-After is too long", async () => {
    installFakeClock();
    const { client, fake, fetchSpy } = clientOn();
    fake.failNext({ fault: "rate_limit", on: "submit", times: 3, retryAfterSeconds: 1 });
    const result = client.submitEdit(validInput).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await result).toMatchObject({ code: "rate_limited", retryAfterMs: 1_000 });
    expect(fetchSpy).toHaveBeenCalledTimes(3);

    const second = clientOn();
    second.fake.failNext({ fault: "rate_limit", on: "submit", retryAfterSeconds: 120 });
    await expect(second.client.submitEdit(validInput)).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterMs: 120_000,
    });
    expect(second.fetchSpy).toHaveBeenCalledTimes(1);
  });
});

describe("createKlingClient: what a failed submit may have cost", () => {
  it.each([
    ["a 500", { fault: "server_error" as const }],
    ["no answer", { fault: "network_error" as const }],
    ["an unreadable answer", { fault: "malformed" as const }],
  ])("marks a submit that got %s as maybe charged", async (_, rule) => {
    const { client, fake } = clientOn();
    fake.failNext({ ...rule, on: "submit" });
    await expect(client.submitEdit(validInput)).rejects.toMatchObject({ maybeCharged: true });
  });

  it("marks a 504 from the proxy as maybe charged, and a refusal (4xx) as not", async () => {
    const timeout = createKlingClient({
      proxyUrl: PROXY,
      fetch: reply(504, { error: { code: "timeout", message: "may have started" } }),
    });
    await expect(timeout.submitEdit(validInput)).rejects.toMatchObject({ code: "timeout", maybeCharged: true });
    const refused = createKlingClient({ proxyUrl: PROXY, fetch: reply(402, { error: "No credits" }) });
    await expect(refused.submitEdit(validInput)).rejects.toMatchObject({
      code: "insufficient_credits",
      maybeCharged: false,
    });
    const status = createKlingClient({ proxyUrl: PROXY, fetch: reply(500, {}) });
    await expect(status.getJob("j")).rejects.toMatchObject({ maybeCharged: false });
  });

  it("keeps an accepted job whose answer forgot its status", async () => {
    const client = createKlingClient({ proxyUrl: PROXY, fetch: reply(202, { jobId: "job_9" }) });
    await expect(client.submitEdit(validInput)).resolves.toMatchObject({ jobId: "job_9", status: "pending" });
  });

  it("stops waiting out a 429 when its signal aborts, without resending", async () => {
    installFakeClock();
    const { client, fake, fetchSpy } = clientOn();
    fake.failNext({ fault: "rate_limit", on: "submit", retryAfterSeconds: 5 });
    const controller = new AbortController();
    const result = client.submitEdit(validInput, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await result).toMatchObject({ name: "AbortError" });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});

describe("errorFromResponse", () => {
  it("survives bodies that are null, arrays or { error: null }", async () => {
    for (const body of ["null", "[]", '{"error":null}', '"text"']) {
      const error = await errorFromResponse(new Response(body, { status: 500 }));
      expect(error).toBeInstanceOf(KlingError);
      expect(error.message).toBe("The video service had a problem.");
    }
  });

  it("takes the proxy's own code over the status", async () => {
    const tooBig = await errorFromResponse(
      Response.json({ error: { code: "invalid_input", message: "Body too large" } }, { status: 413 }),
    );
    expect(tooBig).toMatchObject({ code: "invalid_input", isTransient: false });
    const unknownCode = await errorFromResponse(Response.json({ error: { code: "weird" } }, { status: 415 }));
    expect(unknownCode.code).toBe("invalid_input");
    const gone = await errorFromResponse(Response.json({ error: "Gone" }, { status: 410 }));
    expect(gone.code).toBe("expired");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores garbage", () => {
    const now = Date.parse("2026-11-28T10:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter(" 1.5 ", now)).toBe(1_500);
    expect(parseRetryAfter("Sat, 28 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-3", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("createKlingClient: the app's spend limit", () => {
  it("never resends a quota_exceeded, whatever its Retry-After", async () => {
    installFakeClock();
    const fake = createFakeKling();
    const proxy = createFakeProxy(fake, {
      origin: "https://app.example.com",
      spendLimit: { credits: 40, windowMs: 3_600_000 },
    });
    const fetchSpy = vi.fn(proxy.fetch);
    const client = createKlingClient({ proxyUrl: PROXY, fetch: fetchSpy, maxRetryAfterMs: Number.MAX_SAFE_INTEGER });
    await client.submitEdit(validInput);
    const refused = client.submitEdit(validInput).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    const error = await refused;
    expect(error).toMatchObject({ code: "quota_exceeded", status: 429, maybeCharged: false });
    expect((error as KlingError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    expect(fake.jobs).toHaveLength(1);
  });
});

describe("createKlingClient: history", () => {
  it("lists the caller's own jobs, newest first, page by page", async () => {
    const { client, proxy } = clientOn();
    const first = await client.submitEdit(validInput);
    const second = await client.submitEdit({ ...validInput, prompt: "Make it rain" });
    proxy.signIn("someone-else");
    await client.submitEdit(validInput);
    proxy.signIn("test-user");
    const page = await client.listJobs({ limit: 1 });
    expect(page.jobs).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await client.listJobs({ limit: 1, cursor: page.nextCursor });
    expect(new Set([...page.jobs, ...next.jobs].map((job) => job.jobId))).toEqual(new Set([first.jobId, second.jobId]));
    expect(next.nextCursor).toBeUndefined();
    expect(proxy.requests.at(-1)).toMatchObject({ method: "GET", path: "/jobs" });
  });

  it("reads a proxy's refusal as a KlingError, and a page without jobs as a bad answer", async () => {
    const { client, proxy } = clientOn();
    proxy.signIn(null);
    await expect(client.listJobs()).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    await expect(client.listJobs({ cursor: "forged" })).rejects.toMatchObject({ code: "unauthorized" });
    proxy.signIn("test-user");
    await expect(client.listJobs({ cursor: "forged" })).rejects.toMatchObject({ code: "invalid_input", status: 400 });
    const odd = createKlingClient({ proxyUrl: PROXY, fetch: reply(200, { items: [] }) });
    await expect(odd.listJobs()).rejects.toMatchObject({ code: "bad_response" });
  });
});

describe("createKlingClient: streamJob", () => {
  it("a stream left while the app's headers() was awaited is never requested", async () => {
    const fetchSpy = vi.fn(fetch);
    let release = () => {};
    const headers = () =>
      new Promise<Record<string, string>>((resolve) => (release = () => resolve({ authorization: "Bearer t" })));
    const client = createKlingClient({ proxyUrl: PROXY, fetch: fetchSpy, headers });
    const controller = new AbortController();
    const streaming = client.streamJob("job_1", { signal: controller.signal, onJob: () => undefined });
    controller.abort();
    release();
    await expect(streaming).rejects.toThrow();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("a 404 is this job's (not_found); a 405 means no streams here (unsupported)", async () => {
    const on404 = createKlingClient({
      proxyUrl: PROXY,
      fetch: reply(404, { error: { code: "not_found", message: "The job was not found." } }),
    });
    expect(await on404.streamJob("job_1", { onJob: () => undefined })).toBe("not_found");
    const on405 = createKlingClient({
      proxyUrl: PROXY,
      fetch: reply(405, { error: { code: "invalid_input", message: "No events here." } }),
    });
    expect(await on405.streamJob("job_1", { onJob: () => undefined })).toBe("unsupported");
  });
});
