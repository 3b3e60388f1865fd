import { describe, expect, test, vi } from "vitest";
import { createMemoryStore, type KlingProxyHandler } from "../../../src/server";
import { instances, jobIdOf } from "../many-users/support";
import { BASE, ORIGIN } from "../support";
import { fakeClock, JOB, openStream, run } from "./support";

const PUBLIC_URL = `${ORIGIN}${BASE}`;

/** An app with webhooks on, whose fake upstream delivers them to its proxy. */
function webhookApp(fakeOptions = {}) {
  const target: { proxy?: KlingProxyHandler } = {};
  const app = instances(
    [createMemoryStore()],
    { webhooks: { publicUrl: PUBLIC_URL } },
    {
      ...JOB,
      ...fakeOptions,
      webhookFetch: (input: RequestInfo | URL, init?: RequestInit) => target.proxy!(new Request(input, init)),
    },
  );
  target.proxy = app.proxies[0];
  const reads = () => app.fake.requests.filter((request) => request.method === "GET").length;
  const deliver = (path: string, body: unknown = { event: "job.updated" }, init: RequestInit = {}) =>
    app.proxies[0]!(
      new Request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
        ...init,
      }),
    );
  return { app, reads, deliver };
}

const webhookPathOf = (body: unknown) => new URL((body as { webhook_url: string }).webhook_url).pathname;

describe("webhooks: PixelDojo's nudge, never its word", () => {
  test("each submit carries its own unguessable webhook URL, which the browser never sees", async () => {
    const { app } = webhookApp();
    const first = await app.submit("alice");
    const second = await app.submit("alice");
    const urls = app.fake.requests
      .filter((request) => request.method === "POST")
      .map((request) => (request.body as { webhook_url: string }).webhook_url);
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/webhooks/[A-Za-z0-9_-]{43}$`));
    expect(urls[0]).not.toBe(urls[1]);
    const token = urls[0]!.split("/").at(-1)!;
    const seen = [
      await first.text(),
      await second.text(),
      await (
        await app.call("alice", `${BASE}/jobs/${JSON.parse(await (await app.submit("alice")).text()).jobId}`)
      ).text(),
    ];
    for (const text of seen) expect(text).not.toContain(token);
  });

  test("completed reaches the stream within 1 s of the webhook, with no polling between", async () => {
    fakeClock();
    const { app, reads } = webhookApp();
    const jobId = await jobIdOf(await app.submit("alice"));
    const stream = await openStream(app, "alice", jobId);
    await run(12_900, 250);
    const before = reads();
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending", "processing"]);
    // The job completes at 13 s; the fake delivers its webhook then.
    await run(1_100, 250);
    await stream.ended;
    expect(stream.events.at(-1)!.json).toMatchObject({
      status: "completed",
      output: { video: "https://cdn.example/out.mp4" },
    });
    expect(app.fake.webhooks.map((hook) => hook.status)).toEqual(["processing", "completed"]);
    // One verification read for the nudge, nothing else.
    expect(reads() - before).toBe(1);
  });

  test.each([
    ["a token nobody was given", () => `${BASE}/webhooks/${"A".repeat(43)}`],
    ["a malformed token", () => `${BASE}/webhooks/not-a-token`],
    ["no token", () => `${BASE}/webhooks/`],
  ])("%s: 404, no upstream read", async (_name, path) => {
    const { app, reads, deliver } = webhookApp();
    await app.submit("alice");
    const response = await deliver(path());
    expect(response.status).toBe(404);
    expect(reads()).toBe(0);
  });

  test("the right token with a false payload: read upstream, believed not at all", async () => {
    const { app, deliver } = webhookApp();
    const jobId = await jobIdOf(await app.submit("alice"));
    const path = webhookPathOf(app.fake.requests.at(-1)!.body);
    const forged = await deliver(path, { jobId, status: "completed", output: { video: "https://evil.example/x.mp4" } });
    expect(forged.status).toBe(200);
    const job = (await (await app.call("alice", `${BASE}/jobs`)).json()) as {
      jobs: Array<{ status: string; output?: unknown }>;
    };
    expect(job.jobs[0]).toMatchObject({ status: "pending" });
    expect(job.jobs[0]!.output).toBeUndefined();
  });

  test("replays cost one upstream read per job per interval", async () => {
    fakeClock();
    const { app, reads, deliver } = webhookApp();
    await app.submit("alice");
    const path = webhookPathOf(app.fake.requests.at(-1)!.body);
    for (let i = 0; i < 10; i++) expect((await deliver(path)).status).toBe(200);
    expect(reads()).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await deliver(path);
    await deliver(path);
    expect(reads()).toBe(2);
  });

  test("a 1 MB delivery is refused unread (413): no upstream read, nothing changed", async () => {
    const { app, reads, deliver } = webhookApp();
    await app.submit("alice");
    const path = webhookPathOf(app.fake.requests.at(-1)!.body);
    const big = "x".repeat(1024 * 1024);
    expect((await deliver(path, big)).status).toBe(413);
    const chunked = new ReadableStream({
      start: (controller) => (controller.enqueue(new TextEncoder().encode(big)), controller.close()),
    });
    expect((await deliver(path, "", { body: chunked, duplex: "half" } as RequestInit)).status).toBe(413);
    expect(reads()).toBe(0);
  });

  test("an oversized delivery is drained, not cut off, before its 413 (Web runtimes reset a connection whose body was left unread)", async () => {
    const { app, deliver } = webhookApp();
    await app.submit("alice");
    const path = webhookPathOf(app.fake.requests.at(-1)!.body);
    const state = { pulled: 0, cancelled: false };
    const chunk = new Uint8Array(64 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (state.pulled === 16) return controller.close();
        state.pulled++;
        controller.enqueue(chunk);
      },
      cancel: () => void (state.cancelled = true),
    });
    expect((await deliver(path, "", { body, duplex: "half" } as RequestInit)).status).toBe(413);
    expect(state).toEqual({ pulled: 16, cancelled: false });
  });

  test("only POST: other methods get 405; a finished job's webhooks read nothing", async () => {
    fakeClock();
    const { app, reads, deliver } = webhookApp();
    const jobId = await jobIdOf(await app.submit("alice"));
    const path = webhookPathOf(app.fake.requests.at(-1)!.body);
    expect((await app.proxies[0]!(new Request(`${ORIGIN}${path}`))).status).toBe(405);
    await run(16_000, 250);
    expect((await (await app.call("alice", `${BASE}/jobs/${jobId}`)).json()) as object).toMatchObject({
      status: "completed",
    });
    const count = reads();
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await deliver(path)).status).toBe(200);
    expect(reads()).toBe(count);
  });

  test("publicUrl must be the proxy's public http(s) URL", () => {
    for (const publicUrl of ["not a url", "ftp://x.example", "https://x.example/api?x=1", "/api/kling"]) {
      expect(() => instances([createMemoryStore()], { webhooks: { publicUrl } })).toThrow(/publicUrl/);
    }
    expect(() => instances([createMemoryStore()], { push: false, webhooks: { publicUrl: PUBLIC_URL } })).toThrow(
      /need push/,
    );
  });
});
