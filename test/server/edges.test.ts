// @vitest-environment node
import { afterEach, describe, expect, test, vi } from "vitest";
import { createKlingProxy, toNodeHandler, type KlingProxyLogEvent, type NodeProxyHandler } from "../../src/server";
import { listenLoopback, rawRequest } from "./raw-socket";
import { BASE, harness, KEY, ORIGIN, RUN, submittedJob, VALID_INPUT, type Harness } from "./support";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The harness's proxy behind the Node adapter on loopback. */
async function onNode(
  h: Harness,
  wire?: (handler: NodeProxyHandler, server: Awaited<ReturnType<typeof listenLoopback>>["server"]) => void,
) {
  const handler = toNodeHandler(h.proxy);
  const served = await listenLoopback(handler);
  closers.push(served.close);
  wire?.(handler, served.server);
  return served.port;
}

const refusedLine = (logs: KlingProxyLogEvent[], method: string) =>
  logs.find((event) => event.event === "refused" && event.method === method);

describe("methods no Request can carry: 405 with Allow, logged, never 500", () => {
  test("TRACE on the Node adapter", async () => {
    const h = harness();
    const port = await onNode(h);
    const answer = await rawRequest(port, `TRACE ${RUN} HTTP/1.1\r\nHost: 127.0.0.1`).answer;
    expect([answer.status, answer.headers.allow]).toEqual([405, "POST, OPTIONS"]);
    expect(refusedLine(h.logs, "TRACE")).toMatchObject({ status: 405, path: RUN });
  });

  test("CONNECT on the Node adapter, wired with onConnect", async () => {
    const h = harness();
    const port = await onNode(h, (handler, server) => server.on("connect", handler.onConnect));
    const answer = await rawRequest(port, `CONNECT ${BASE}/jobs/job_1 HTTP/1.1\r\nHost: 127.0.0.1`).answer;
    expect([answer.status, answer.headers.allow]).toEqual([405, "GET, HEAD, OPTIONS"]);
    expect(refusedLine(h.logs, "CONNECT")).toMatchObject({ status: 405 });
  });

  test("CONNECT on the Node adapter after its first request, with nothing wired by hand", async () => {
    const h = harness();
    const port = await onNode(h);
    await rawRequest(port, `GET ${BASE}/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close`).answer;
    const answer = await rawRequest(port, `CONNECT ${RUN} HTTP/1.1\r\nHost: 127.0.0.1`).answer;
    expect(answer.status).toBe(405);
  });
});

describe("paths", () => {
  test("a raw backslash in the path is refused 404 from the raw target (WHATWG URL would read it as /)", async () => {
    const h = harness();
    const jobId = await submittedJob(h);
    const port = await onNode(h);
    const answer = await rawRequest(port, `GET /api/kling\\jobs\\${jobId} HTTP/1.1\r\nHost: 127.0.0.1`).answer;
    expect(answer.status).toBe(404);
    expect(h.fake.requests.filter((request) => request.method === "GET")).toHaveLength(0);
  });
});

describe("logs", () => {
  test("a webhook token never appears whole in any log line", async () => {
    const h = harness({ webhooks: { publicUrl: `${ORIGIN}${BASE}` } });
    await submittedJob(h);
    const token = (h.fake.requests[0]!.body as { webhook_url: string }).webhook_url.split("/").at(-1)!;
    const delivered = await h.call(`${BASE}/webhooks/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(delivered.status).toBe(200);
    expect(h.logs.some((event) => event.event === "webhook")).toBe(true);
    for (const event of h.logs) expect(JSON.stringify(event)).not.toContain(token.slice(0, 12));
    expect(h.logs.find((event) => event.event === "webhook")!.path).toBe(`${BASE}/webhooks/${token.slice(0, 4)}…`);
  });
});

describe("prompts", () => {
  test("a prompt of control and invisible characters only is refused 400 with the prompt's field error", async () => {
    const h = harness();
    const response = await h.submit({ ...VALID_INPUT, prompt: "\u0000\u0007\u001b\u200b\u2060\ufeff" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { fieldErrors: Record<string, { code: string; message: string }> };
    };
    expect(body.error.fieldErrors.prompt).toEqual({
      code: "required",
      message: expect.stringMatching(/no visible text/),
    });
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe("CSRF: Sec-Fetch-Site on the routes that change state", () => {
  const crossSite = (origin: string) => ({ headers: { "sec-fetch-site": "cross-site", origin } });

  test("a cross-site submit is refused 403 forbidden, before anything is read or sent", async () => {
    const h = harness();
    const response = await h.submit(VALID_INPUT, crossSite("https://evil.example"));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "forbidden", message: expect.stringMatching(/other sites/) },
    });
    expect(h.fake.requests).toHaveLength(0);
  });

  test("a cross-site upload request is refused 403 too, nothing signed", async () => {
    const presign = vi.fn();
    const h = harness({ uploads: { presign } });
    const body = JSON.stringify({ kind: "video", name: "clip.mp4", type: "video/mp4", size: 1_000 });
    const response = await h.call(`${BASE}/uploads`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...crossSite("https://evil.example").headers },
    });
    expect(response.status).toBe(403);
    expect(presign).not.toHaveBeenCalled();
  });

  test("a cross-site submit from an allowed origin passes", async () => {
    const h = harness({ allowedOrigins: ["https://admin.example"] });
    expect((await h.submit(VALID_INPUT, crossSite("https://admin.example"))).status).toBe(202);
  });

  test("same-origin (and same-site, none, no header) pass", async () => {
    const h = harness({ allowedOrigins: ["https://admin.example"] });
    for (const site of ["same-origin", "same-site", "none", undefined]) {
      const headers: Record<string, string> = site ? { "sec-fetch-site": site, origin: ORIGIN } : {};
      expect((await h.submit(VALID_INPUT, { headers })).status).toBe(202);
    }
  });
});

describe("the new options are checked at start-up", () => {
  const base = { apiKey: KEY, identify: () => "u", authorize: () => true };
  test.each([
    [{ bodyTimeoutMs: 0 }, /bodyTimeoutMs/],
    [{ bodyTimeoutMs: Number.NaN }, /bodyTimeoutMs/],
    [{ allowedOrigins: "https://a.example" as unknown as string[] }, /allowedOrigins must be an array/],
    [{ allowedOrigins: ["https://a.example/"] }, /did you mean "https:\/\/a.example"/],
    [{ allowedOrigins: ["https://A.example"] }, /exact http\(s\) origins/],
    [{ allowedOrigins: ["null"] }, /exact http\(s\) origins/],
  ])("%o", (options, message) => {
    expect(() => createKlingProxy({ ...base, ...options })).toThrow(TypeError);
    expect(() => createKlingProxy({ ...base, ...options })).toThrow(message);
  });
});
