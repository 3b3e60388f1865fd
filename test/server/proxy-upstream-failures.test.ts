// @vitest-environment node
import { describe, expect, test, vi } from "vitest";
import { createKlingClient, KlingError } from "../../src/core";
import { createKlingProxy, type KlingProxyLogEvent } from "../../src/server";
import { BASE, KEY, ORIGIN, RUN, VALID_INPUT, harness } from "./support";

/** A fetch that never answers, but gives up when its signal aborts (as real fetch does). */
const hangingFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));

function proxyWith(fetch: typeof globalThis.fetch, timeoutMs = 5_000) {
  const logs: KlingProxyLogEvent[] = [];
  const proxy = createKlingProxy({
    ownership: false,
    apiKey: KEY,
    basePath: BASE,
    authorize: () => true,
    fetch,
    timeoutMs,
    log: (e) => logs.push(e),
  });
  const submit = () =>
    proxy(
      new Request(ORIGIN + RUN, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(VALID_INPUT),
      }),
    );
  const status = () => proxy(new Request(`${ORIGIN}${BASE}/jobs/job_1`));
  return { proxy, logs, submit, status };
}

/** A submit through a fresh harness whose upstream fails once with `fault`. */
async function submitFailing(fault: "network_error" | "malformed") {
  const h = harness();
  h.fake.failNext({ fault });
  return { h, response: await h.submit() };
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("an upstream that does not answer in time: 504", () => {
  test("a fetch that hangs is aborted at timeoutMs", async () => {
    vi.useFakeTimers();
    const { status, logs } = proxyWith(hangingFetch, 5_000);
    let settled = false;
    const pending = status().finally(() => (settled = true));

    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const response = await pending;

    expect(response.status).toBe(504);
    expect(await errorOf(response)).toMatchObject({ code: "timeout" });
    expect(logs.at(-1)).toMatchObject({ level: "error", event: "upstream_timeout", status: 504 });
  });

  test("a fetch that ignores its signal cannot hold the request open", async () => {
    vi.useFakeTimers();
    const { submit } = proxyWith(() => new Promise<Response>(() => undefined), 1_000);
    const pending = submit();
    await vi.advanceTimersByTimeAsync(1_000);
    const response = await pending;
    expect(response.status).toBe(504);
    expect((await errorOf(response)).message).toMatch(/may still have started/);
  });

  test("an answer whose body stalls times out too", async () => {
    vi.useFakeTimers();
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"jobId":')) });
    const { status } = proxyWith(async () => new Response(stalled, { status: 200 }), 2_000);
    const pending = status();
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await pending).status).toBe(504);
  });

  test("no timer is left behind after an answer", async () => {
    vi.useFakeTimers();
    // Without push: with it, the instance also looks for due work a while (test/server/push).
    const h = harness({ timeoutMs: 60_000, push: false });
    await h.submit();
    expect(vi.getTimerCount()).toBe(0);
  });

  test("the browser client reads it as a timeout it may retry", async () => {
    vi.useFakeTimers();
    const { proxy } = proxyWith(hangingFetch, 1_000);
    const client = createKlingClient({
      proxyUrl: ORIGIN + BASE,
      fetch: (input, init) => proxy(new Request(input, init)),
    });
    const pending = client.getJob("job_1").catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await pending;
    expect(error).toBeInstanceOf(KlingError);
    expect(error).toMatchObject({ code: "timeout", status: 504, isTransient: true });
  });
});

describe("an upstream that cannot be reached: 502", () => {
  test("a fetch that fails", async () => {
    const { h, response } = await submitFailing("network_error");
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toMatchObject({
      code: "upstream_error",
      message: expect.stringMatching(/could not be reached/),
    });
    expect(h.logs.at(-1)).toMatchObject({
      level: "error",
      event: "upstream_unreachable",
      error: { name: "TypeError" },
    });
  });

  test("the real fetch against a closed loopback port", async () => {
    const { status } = proxyWith((input, init) =>
      fetch(String(input).replace("https://pixeldojo.ai", "http://127.0.0.1:9"), init),
    );
    const response = await status();
    expect(response.status).toBe(502);
  });

  test("the browser client reads it as an upstream error", async () => {
    const h = harness({ ownership: false });
    const client = createKlingClient({
      proxyUrl: ORIGIN + BASE,
      fetch: (input, init) => h.proxy(new Request(input, init)),
    });
    h.fake.failNext({ fault: "network_error" });
    await expect(client.getJob("job_1")).rejects.toMatchObject({ code: "upstream_error", status: 502 });
  });
});

describe("answers that cannot be passed on as they are", () => {
  test("a 200 that is not JSON: 502, and the HTML never reaches the browser", async () => {
    const { response } = await submitFailing("malformed");
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await errorOf(response)).toMatchObject({ code: "bad_response" });
  });

  test("an error page in HTML keeps its status, with a JSON body instead", async () => {
    const { status } = proxyWith(
      async () =>
        new Response("<html><script>x()</script></html>", {
          status: 503,
          headers: { "content-type": "text/html", "retry-after": "30" },
        }),
    );
    const response = await status();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.text()).not.toContain("<script>");
  });

  test("a Retry-After that is not one is dropped", async () => {
    const { status } = proxyWith(
      async () =>
        new Response(JSON.stringify({ error: "slow down" }), {
          status: 429,
          headers: { "retry-after": "soon, maybe" },
        }),
    );
    const response = await status();
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBeNull();
  });

  test("an HTTP-date Retry-After passes", async () => {
    const date = "Wed, 21 Oct 2026 07:28:00 GMT";
    const { status } = proxyWith(async () => new Response("{}", { status: 429, headers: { "retry-after": date } }));
    expect((await status()).headers.get("retry-after")).toBe(date);
  });

  test("an answer without statusUrl gets none added; one without a job id loses its statusUrl", async () => {
    const first = proxyWith(async () => new Response(JSON.stringify({ jobId: "job_1", status: "pending" })));
    expect(await (await first.status()).json()).toEqual({ jobId: "job_1", status: "pending" });
    const second = proxyWith(
      async () =>
        new Response(JSON.stringify({ status: "pending", statusUrl: "https://pixeldojo.ai/api/v1/jobs/../x" })),
    );
    expect(await (await second.submit()).json()).toEqual({ status: "pending" });
  });

  test("a huge upstream answer is refused rather than buffered", async () => {
    const { status } = proxyWith(async () => new Response("x".repeat(2 * 1024 * 1024), { status: 200 }));
    expect((await status()).status).toBe(502);
  });

  test("the upstream refusing the key is logged as an error", async () => {
    const h = harness({}, { apiKey: "some-other-key" });
    const response = await h.submit();
    expect(response.status).toBe(401);
    expect(h.logs.at(-1)).toMatchObject({
      level: "error",
      event: "forwarded",
      upstreamStatus: 401,
      message: expect.stringMatching(/PIXELDOJO_API_KEY/),
    });
  });

  test("a logger that throws does not break the answer", async () => {
    const h = harness({
      log: () => {
        throw new Error("log sink down");
      },
    });
    expect((await h.submit()).status).toBe(202);
  });
});
