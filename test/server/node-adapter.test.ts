// @vitest-environment node
import { createServer, request as httpRequest, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { createKlingProxy, toNodeHandler } from "../../src/server";
import type { KlingJob } from "../../src/core";
import { createFakeKling } from "../../src/testing";
import { DRAIN_MAX_BYTES } from "../../src/server/body";
import { BASE, KEY, RUN, VALID_INPUT } from "./support";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Serves on a free loopback port; closed after each test. */
async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function setup(options: { maxBodyBytes?: number } = {}) {
  const fake = createFakeKling({ apiKey: KEY });
  const proxy = createKlingProxy({
    ownership: false,
    apiKey: KEY,
    fetch: fake.fetch,
    basePath: BASE,
    authorize: () => true,
    log: () => undefined,
    ...options,
  });
  return { fake, proxy };
}

const json = { "content-type": "application/json" };

/** One raw request, for what fetch will not send (absolute-form targets, unfinished bodies). */
function raw(
  origin: string,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Uint8Array | string;
    end?: boolean;
  },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path, headers: options.headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          // A client that never finishes its body hangs up once it has the answer.
          if (options.end === false) req.destroy();
          resolve({ status: res.statusCode!, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    req.flushHeaders();
    if (options.body !== undefined) req.write(options.body);
    if (options.end !== false) req.end();
  });
}

describe("toNodeHandler on Node's http server", () => {
  test("forwards both calls, with statusUrl on the server's own origin", async () => {
    const { fake, proxy } = setup();
    const origin = await listen(toNodeHandler(proxy));

    const submitted = await fetch(origin + RUN, {
      method: "POST",
      headers: { ...json, authorization: "Bearer user-token", cookie: "sid=1" },
      body: JSON.stringify(VALID_INPUT),
    });
    expect(submitted.status).toBe(202);
    const job = (await submitted.json()) as KlingJob;
    expect(job.statusUrl).toBe(`${origin}${BASE}/jobs/${job.jobId}`);

    const status = await fetch(job.statusUrl!);
    expect(status.status).toBe(200);
    expect(status.headers.get("cache-control")).toBe("no-store");
    expect(await status.json()).toMatchObject({ jobId: job.jobId, status: "pending" });
    expect(fake.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([
      ["POST", RUN.slice(BASE.length), `Bearer ${KEY}`],
      ["GET", `/jobs/${job.jobId}`, `Bearer ${KEY}`],
    ]);
  });

  test("HEAD answers headers only", async () => {
    const { fake, proxy } = setup();
    const origin = await listen(toNodeHandler(proxy));
    const response = await raw(origin, { method: "HEAD", path: `${BASE}/jobs/job_1` });
    expect(response.status).toBe(404);
    expect(response.body).toBe("");
    expect(fake.requests).toHaveLength(1);
  });

  test.each([
    ["outside the base", "/elsewhere"],
    ["an unknown path under the base", `${BASE}/credits`],
    ["encoded traversal in the raw target", `${BASE}/jobs/..%2f..%2fadmin`],
    ["plain traversal in the raw target", `${BASE}/jobs/../../admin`],
    ["a doubled slash at the start", `//evil.example${BASE}/jobs/job_1`],
    ["a doubled slash inside", `${BASE}//jobs/job_1`],
  ])("refuses %s with a JSON 404 and nothing upstream", async (_name, path) => {
    const { fake, proxy } = setup();
    const origin = await listen(toNodeHandler(proxy));
    const response = await raw(origin, { path });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "not_found" } });
    expect(fake.requests).toHaveLength(0);
  });

  test("an absolute-form target counts by its path only: the upstream stays PixelDojo", async () => {
    const { fake, proxy } = setup();
    const origin = await listen(toNodeHandler(proxy));
    const response = await raw(origin, { path: `http://evil.example${BASE}/jobs/job_1` });
    expect(response.status).toBe(404);
    expect(fake.requests).toEqual([expect.objectContaining({ via: "upstream", path: "/jobs/job_1" })]);
  });

  test("a Host header cannot inject into statusUrl; origin can be fixed", async () => {
    const { proxy } = setup();
    const loose = await listen(toNodeHandler(proxy));
    const injected = await raw(loose, {
      method: "POST",
      path: RUN,
      headers: { ...json, host: "evil.example/x?" },
      body: JSON.stringify(VALID_INPUT),
    });
    expect(JSON.parse(injected.body).statusUrl).toMatch(/^http:\/\/localhost\/api\/kling\/jobs\//);

    const fixed = await listen(toNodeHandler(proxy, { origin: "https://app.example/ignored-path" }));
    const response = await fetch(fixed + RUN, { method: "POST", headers: json, body: JSON.stringify(VALID_INPUT) });
    expect(((await response.json()) as KlingJob).statusUrl).toMatch(/^https:\/\/app\.example\/api\/kling\/jobs\//);
  });

  test("a Content-Length over the limit: 413 at once, before the body is sent", async () => {
    const { fake, proxy } = setup({ maxBodyBytes: 1024 });
    const origin = await listen(toNodeHandler(proxy));
    const response = await raw(origin, {
      method: "POST",
      path: RUN,
      headers: { ...json, "content-length": String(10 * 1024 * 1024) },
      end: false,
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: "invalid_input" } });
    expect(fake.requests).toHaveLength(0);
  });

  test("a Content-Length past what is ever drained: 413 at once, and the connection closes", async () => {
    const { proxy } = setup({ maxBodyBytes: 1024 });
    const origin = await listen(toNodeHandler(proxy));
    const declared = String(DRAIN_MAX_BYTES + 1);
    const response = await raw(origin, {
      method: "POST",
      path: RUN,
      headers: { ...json, "content-length": declared },
      end: false,
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe("close");
  });

  test("a chunked body over the limit: 413 while the client is still sending", async () => {
    const { fake, proxy } = setup({ maxBodyBytes: 1024 });
    const origin = await listen(toNodeHandler(proxy));
    // The request is never ended: only cutting it off early can produce an answer.
    const response = await raw(origin, {
      method: "POST",
      path: RUN,
      headers: { ...json, "transfer-encoding": "chunked" },
      body: "x".repeat(4096),
      end: false,
    });
    expect(response.status).toBe(413);
    expect(fake.requests).toHaveLength(0);
  });

  test("a body within the limit, sent in chunks, goes through", async () => {
    const { proxy } = setup({ maxBodyBytes: 1024 });
    const origin = await listen(toNodeHandler(proxy));
    const response = await raw(origin, {
      method: "POST",
      path: RUN,
      headers: { ...json, "transfer-encoding": "chunked" },
      body: JSON.stringify(VALID_INPUT),
    });
    expect(response.status).toBe(202);
  });

  test("an authorize Response reaches the client whole, several cookies included", async () => {
    const fake = createFakeKling({ apiKey: KEY });
    const headers = new Headers({ "content-type": "text/plain" });
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", "b=2; Path=/");
    const proxy = createKlingProxy({
      identify: () => "user-a",
      apiKey: KEY,
      fetch: fake.fetch,
      basePath: BASE,
      authorize: () => new Response("please sign in", { status: 401, headers }),
    });
    const origin = await listen(toNodeHandler(proxy));
    const response = await raw(origin, { path: `${BASE}/jobs/job_1` });
    expect(response.status).toBe(401);
    expect(response.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(response.body).toBe("please sign in");
    expect(fake.requests).toHaveLength(0);
  });

  test("a handler that throws answers 500 on a plain server", async () => {
    const origin = await listen(toNodeHandler(() => Promise.reject(new Error("bug")), { basePath: BASE }));
    const response = await raw(origin, { path: `${BASE}/jobs/job_1` });
    expect(response.status).toBe(500);
  });
});

describe("toNodeHandler in Express", () => {
  test("mounted under its prefix: the proxy sees the full path (req.originalUrl), other routes still work", async () => {
    const { fake, proxy } = setup();
    const app = express();
    app.get("/health", (_req, res) => void res.send("ok"));
    app.use(BASE, toNodeHandler(proxy));
    const origin = await listen(app);

    const submitted = await fetch(origin + RUN, { method: "POST", headers: json, body: JSON.stringify(VALID_INPUT) });
    expect(submitted.status).toBe(202);
    const job = (await submitted.json()) as KlingJob;
    expect(job.statusUrl).toBe(`${origin}${BASE}/jobs/${job.jobId}`);
    expect((await fetch(job.statusUrl!)).status).toBe(200);
    expect(await (await fetch(`${origin}/health`)).text()).toBe("ok");

    const unknown = await fetch(`${origin}${BASE}/models/flux/run`, { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
    expect(fake.requests).toHaveLength(2);
  });

  test("mounted at the app's root: paths outside its base fall through to next()", async () => {
    const { fake, proxy } = setup();
    const app = express();
    app.use(toNodeHandler(proxy));
    app.get("/health", (_req, res) => void res.send("ok"));
    const origin = await listen(app);

    expect(await (await fetch(`${origin}/health`)).text()).toBe("ok");
    expect((await fetch(`${origin}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${origin}${BASE}/jobs/job_1`)).status).toBe(404);
    expect(fake.requests).toHaveLength(1);
  });

  test("after express.json() has read the body, the parsed body is used", async () => {
    const { fake, proxy } = setup();
    const app = express();
    app.use(express.json());
    app.use(BASE, toNodeHandler(proxy));
    const origin = await listen(app);

    const response = await fetch(origin + RUN, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ ...VALID_INPUT, extra: 1 }),
    });
    expect(response.status).toBe(202);
    expect(fake.requests[0]!.body).toEqual({ ...VALID_INPUT, tier: "pro", keep_audio: true });
  });

  test("a handler that throws goes to Express's error handler", async () => {
    const app = express();
    app.use(
      BASE,
      toNodeHandler(() => Promise.reject(new Error("bug")), { basePath: BASE }),
    );
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(599).send(error.message);
    });
    const origin = await listen(app);
    const response = await fetch(`${origin}${BASE}/jobs/job_1`);
    expect(response.status).toBe(599);
    expect(await response.text()).toBe("bug");
  });
});
