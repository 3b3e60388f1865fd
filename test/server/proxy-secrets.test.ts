// @vitest-environment node
import { afterEach, describe, expect, test, vi } from "vitest";
import { createKlingProxy, type KlingProxyCommonOptions } from "../../src/server";
import { BASE, KEY, ORIGIN, RUN, VALID_INPUT, harness, submittedJob, upstreamJob, visible } from "./support";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A fetch in front of the fake that keeps every upstream request it was given. */
function recordingHarness(options: Omit<Partial<KlingProxyCommonOptions>, "ownership" | "uploads"> = {}) {
  const sent: Request[] = [];
  const h = harness();
  const proxy = createKlingProxy({
    ownership: false,
    apiKey: KEY,
    basePath: BASE,
    authorize: () => true,
    log: () => undefined,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push(request.clone());
      return h.fake.fetch(request);
    },
    ...options,
  });
  return { ...h, proxy, sent };
}

describe("the browser's credentials and headers stay on the proxy", () => {
  const browserHeaders = {
    authorization: "Bearer the-users-own-session-token",
    cookie: "session=abc; theme=dark",
    "x-forwarded-for": "203.0.113.9",
    "x-api-key": "client-supplied",
    connection: "keep-alive, x-hop",
    "x-hop": "1",
    "proxy-authorization": "Basic Zm9vOmJhcg==",
    origin: "https://app.example",
    referer: "https://app.example/editor",
  };

  test("the upstream request carries only what it needs, with the proxy's key", async () => {
    const { proxy, sent, fake } = recordingHarness();
    const submitted = await proxy(
      new Request(ORIGIN + RUN, {
        method: "POST",
        headers: { ...browserHeaders, "content-type": "application/json" },
        body: JSON.stringify(VALID_INPUT),
      }),
    );
    expect(submitted.status).toBe(202);
    const jobId = fake.jobs[0]!.jobId;
    await proxy(new Request(`${ORIGIN}${BASE}/jobs/${jobId}`, { headers: browserHeaders }));

    expect(sent).toHaveLength(2);
    expect([...sent[0]!.headers.keys()].sort()).toEqual(["accept", "authorization", "content-type", "user-agent"]);
    expect([...sent[1]!.headers.keys()].sort()).toEqual(["accept", "authorization", "user-agent"]);
    for (const request of sent) {
      expect(request.headers.get("authorization")).toBe(`Bearer ${KEY}`);
      expect(request.headers.get("cookie")).toBeNull();
    }
    expect(fake.requests.map((r) => r.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  test("redirects are not followed, so the key goes to the configured upstream only", async () => {
    const fetch = vi.fn(
      async () => new Response(null, { status: 307, headers: { location: "https://evil.example/" } }),
    );
    const logs: unknown[] = [];
    const proxy = createKlingProxy({
      ownership: false,
      apiKey: KEY,
      fetch,
      basePath: BASE,
      authorize: () => true,
      log: (e) => logs.push(e),
    });
    const response = await proxy(new Request(`${ORIGIN}${BASE}/jobs/job_1`));
    expect(response.status).toBe(502);
    expect(fetch).toHaveBeenCalledWith(
      "https://pixeldojo.ai/api/v1/jobs/job_1",
      expect.objectContaining({ redirect: "manual" }),
    );
  });
});

describe("the key never leaves the server", () => {
  const keyEverywhere = () => {
    throw new Error(`boom with Bearer ${KEY} inside`);
  };
  const scenarios: Array<[string, (h: ReturnType<typeof harness>) => Promise<Response>]> = [
    ["a forwarded submit", (h) => h.submit()],
    ["a forwarded status", async (h) => h.call(`${BASE}/jobs/${await submittedJob(h)}`)],
    ["an unknown path", (h) => h.call(`${BASE}/${KEY}`)],
    ["a bad job id", (h) => h.call(`${BASE}/jobs/${KEY}.x`)],
    ["a wrong method", (h) => h.call(RUN)],
    ["invalid input", (h) => h.submit({ prompt: KEY })],
    ["an upstream error", (h) => h.call(`${BASE}/jobs/job_missing`)],
    [
      "an upstream 429",
      (h) => {
        h.fake.failNext({ fault: "rate_limit" });
        return h.submit();
      },
    ],
    [
      "an unreachable upstream",
      (h) => {
        h.fake.failNext({ fault: "network_error" });
        return h.submit();
      },
    ],
    [
      "an upstream HTML page",
      (h) => {
        h.fake.failNext({ fault: "malformed" });
        return h.submit();
      },
    ],
  ];

  test.each(scenarios)("%s: not in the answer, not in the logs", async (_name, run) => {
    const h = harness();
    const response = await run(h);
    expect(await visible(response)).not.toContain(KEY);
    expect(JSON.stringify(h.logs)).not.toContain(KEY);
    expect(h.logs.length).toBeGreaterThan(0);
  });

  test("an upstream that echoes the key gets it redacted, in JSON answers and thrown errors", async () => {
    const echo = createKlingProxy({
      ownership: false,
      apiKey: KEY,
      basePath: BASE,
      authorize: () => true,
      log: () => undefined,
      fetch: async (_input, init) =>
        new Response(
          JSON.stringify({ error: `Key ${new Headers(init?.headers).get("authorization")} is out of credits` }),
          {
            status: 402,
            headers: { "content-type": "application/json" },
          },
        ),
    });
    const response = await echo(new Request(`${ORIGIN}${BASE}/jobs/job_1`));
    expect(response.status).toBe(402);
    const text = await visible(response);
    expect(text).not.toContain(KEY);
    expect(text).toContain("[redacted]");

    const logs: unknown[] = [];
    const throwing = createKlingProxy({
      ownership: false,
      apiKey: KEY,
      basePath: BASE,
      authorize: () => true,
      fetch: keyEverywhere,
      log: (e) => logs.push(e),
    });
    const failed = await throwing(new Request(`${ORIGIN}${BASE}/jobs/job_1`));
    expect(failed.status).toBe(502);
    expect(await visible(failed)).not.toContain(KEY);
    expect(JSON.stringify(logs)).not.toContain(KEY);
    expect(JSON.stringify(logs)).toContain("[redacted]");
  });

  test("an authorize that throws with the key in its message does not leak it", async () => {
    const logs: unknown[] = [];
    const proxy = createKlingProxy({
      ownership: false,
      apiKey: KEY,
      basePath: BASE,
      authorize: keyEverywhere,
      log: (e) => logs.push(e),
    });
    const response = await proxy(new Request(`${ORIGIN}${BASE}/jobs/job_1`));
    expect(await visible(response)).not.toContain(KEY);
    expect(JSON.stringify(logs)).not.toContain(KEY);
  });

  test("the default logger prints errors without the key", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const proxy = createKlingProxy({
      ownership: false,
      apiKey: KEY,
      basePath: BASE,
      authorize: () => true,
      fetch: keyEverywhere,
    });
    await proxy(new Request(`${ORIGIN}${BASE}/jobs/job_1`));
    expect(printed).toHaveBeenCalled();
    expect(JSON.stringify(printed.mock.calls)).not.toContain(KEY);
  });

  test("the handler itself exposes no key", () => {
    const { proxy } = harness();
    expect(JSON.stringify(Object.entries(proxy))).not.toContain(KEY);
    expect(String(proxy)).not.toContain(KEY);
  });
});

describe("the key is required when the proxy is built", () => {
  test("no key anywhere: a clear error that names the variable", () => {
    vi.stubEnv("PIXELDOJO_API_KEY", undefined);
    expect(() => createKlingProxy({ ownership: false, authorize: () => true })).toThrow(/PIXELDOJO_API_KEY/);
  });

  test.each(["", "   "])("a blank key (%j) counts as none", (apiKey) => {
    vi.stubEnv("PIXELDOJO_API_KEY", undefined);
    expect(() => createKlingProxy({ ownership: false, apiKey, authorize: () => true })).toThrow(/no PixelDojo API key/);
  });

  test("the key comes from PIXELDOJO_API_KEY by default", async () => {
    vi.stubEnv("PIXELDOJO_API_KEY", KEY);
    const h = harness();
    const proxy = createKlingProxy({ ownership: false, fetch: h.fake.fetch, basePath: BASE, authorize: () => true });
    expect((await proxy(new Request(`${ORIGIN}${BASE}/jobs/${await upstreamJob(h.fake)}`))).status).toBe(200);
    expect(h.fake.requests.at(-1)!.authorization).toBe(`Bearer ${KEY}`);
  });

  test("where there is no process (edge runtimes) a missing key is still a clear error", () => {
    vi.stubGlobal("process", undefined);
    try {
      expect(() => createKlingProxy({ ownership: false, authorize: () => true })).toThrow(/Pass \{ apiKey \}/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test("authorize is required", () => {
    expect(() => createKlingProxy({ ownership: false, apiKey: KEY } as never)).toThrow(/authorize/);
  });

  test.each([
    ["an upstream that is not a URL", { upstream: "pixeldojo" }],
    ["an upstream with credentials", { upstream: "https://user:pass@pixeldojo.ai/api/v1" }],
    ["a basePath with a query", { basePath: "/api/kling?x=1" }],
    ["a basePath with dot segments", { basePath: "/api/../kling" }],
    ["a zero body limit", { maxBodyBytes: 0 }],
    ["a negative timeout", { timeoutMs: -1 }],
  ])("%s is refused at construction", (_name, options) => {
    expect(() => createKlingProxy({ ownership: false, apiKey: KEY, authorize: () => true, ...options })).toThrow(
      TypeError,
    );
  });
});
