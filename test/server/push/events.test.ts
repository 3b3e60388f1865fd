import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { createMemoryStore, toNodeHandler, type KlingStore } from "../../../src/server";
import { createFakeKling } from "../../../src/testing";
import { instances, jobIdOf } from "../many-users/support";
import { BASE, KEY } from "../support";
import { fakeClock, JOB, openStream, run } from "./support";

const upstreamReads = (app: ReturnType<typeof instances>) =>
  app.fake.requests.filter((request) => request.method === "GET").length;

describe("GET {proxyUrl}/jobs/{jobId}/events", () => {
  test("an event per change, ids that grow, the status route's JSON, then the end", async () => {
    fakeClock();
    const app = instances([createMemoryStore()], {}, JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    const stream = await openStream(app, "alice", jobId);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.response.headers.get("cache-control")).toBe("no-store, no-transform");
    await run(20_000, 1_000);
    await stream.ended;
    expect(stream.events.map((event) => [event.event, event.id, event.json.status])).toEqual([
      ["status", "1", "pending"],
      ["status", "2", "processing"],
      ["status", "3", "completed"],
    ]);
    expect(stream.events.at(-1)!.json).toMatchObject({
      jobId,
      output: { video: "https://cdn.example/out.mp4" },
      statusUrl: `https://app.example${BASE}/jobs/${jobId}`,
      creditCost: 40,
    });
    // Bytes at once, and how soon to reconnect.
    expect(stream.comments[0]).toBe(": open");
    expect(stream.retry).toBe("3000");
  });

  test("a heartbeat at least every 15 s while nothing changes", async () => {
    fakeClock();
    const app = instances([createMemoryStore()], {}, { processingMs: 600_000 });
    const jobId = await jobIdOf(await app.submit("alice"));
    const stream = await openStream(app, "alice", jobId);
    await run(61_000, 1_000);
    expect(stream.comments.filter((line) => line === ": heartbeat")).toHaveLength(4);
    await stream.close();
  });

  test("ten streams of one job on one instance: the upstream sees the reads of one watch", async () => {
    fakeClock();
    const one = instances([createMemoryStore()], {}, JOB);
    const ten = instances([createMemoryStore()], {}, JOB);
    const single = await openStream(one, "alice", await jobIdOf(await one.submit("alice")));
    const tenJob = await jobIdOf(await ten.submit("alice"));
    const streams = await Promise.all(Array.from({ length: 10 }, () => openStream(ten, "alice", tenJob)));
    expect(ten.proxies[0]!.openStreams).toBe(10);
    await run(20_000, 1_000);
    await Promise.all([single.ended, ...streams.map((stream) => stream.ended)]);
    expect(upstreamReads(ten)).toBe(upstreamReads(one));
    for (const stream of streams)
      expect(stream.events.map((event) => event.json.status)).toEqual(["pending", "processing", "completed"]);
    expect(ten.proxies[0]!.openStreams).toBe(0);
  });

  test("one job's slow upstream read holds up no other job's stream", async () => {
    fakeClock();
    const fake = createFakeKling({ apiKey: KEY, ...JOB });
    const slow = new Set<string>();
    // Reads of the slow job hang until the proxy's timeout (30 s) cuts them.
    const hanging: typeof fetch = (input, init) =>
      init?.method === "GET" && [...slow].some((id) => String(input).endsWith(id))
        ? new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(init.signal!.reason)))
        : fake.fetch(input, init);
    const app = instances([createMemoryStore()], { fetch: hanging });
    const stuck = await jobIdOf(await app.submit("alice"));
    const fine = await jobIdOf(await app.submit("alice"));
    slow.add(stuck);
    const stream = await openStream(app, "alice", fine);
    const other = await openStream(app, "alice", stuck);
    await run(20_000, 1_000);
    // Its reads on the schedule (2 s, then every 5 s), though the other job's read hangs from 2 s to 32 s.
    expect(stream.isEnded()).toBe(true);
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending", "processing", "completed"]);
    await other.close();
  });

  test("when the server watch stops without an ending (the upstream lost the job), the stream ends too, so the browser polls and hears why", async () => {
    fakeClock();
    const fake = createFakeKling({ apiKey: KEY, ...JOB });
    let lost = false;
    const losing: typeof fetch = async (input, init) =>
      lost && init?.method === "GET"
        ? new Response(JSON.stringify({ error: "Job not found" }), {
            status: 404,
            headers: { "content-type": "application/json" },
          })
        : fake.fetch(input, init);
    const app = instances([createMemoryStore()], { fetch: losing });
    const jobId = await jobIdOf(await app.submit("alice"));
    const stream = await openStream(app, "alice", jobId);
    await run(4_000);
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending"]);
    lost = true;
    await run(10_000);
    expect(stream.isEnded()).toBe(true);
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending"]);
    expect(app.proxies[0]!.openStreams).toBe(0);
  });

  test("Last-Event-ID resumes after what was seen; a finished job already seen ends at once", async () => {
    fakeClock();
    const app = instances([createMemoryStore()], {}, JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    const first = await openStream(app, "alice", jobId);
    await run(8_000, 1_000);
    expect(first.events.map((event) => event.id)).toEqual(["1", "2"]);
    await first.close();
    const again = await openStream(app, "alice", jobId, { lastEventId: "2" });
    await run(12_000, 1_000);
    await again.ended;
    expect(again.events.map((event) => [event.id, event.json.status])).toEqual([["3", "completed"]]);
    const seen = await openStream(app, "alice", jobId, { lastEventId: "3" });
    await seen.ended;
    expect(seen.events).toEqual([]);
  });

  test("a Last-Event-ID that is not one of ours: 400, nothing opened", async () => {
    const app = instances([createMemoryStore()]);
    const jobId = await jobIdOf(await app.submit("alice"));
    for (const bad of ["abc", "-1", "1.5", "9".repeat(20)]) {
      const stream = await openStream(app, "alice", jobId, { lastEventId: bad });
      expect(stream.response.status).toBe(400);
      expect(await stream.response.json()).toMatchObject({ error: { code: "invalid_input" } });
    }
    expect(app.proxies[0]!.openStreams).toBe(0);
  });

  test("a Last-Event-ID past the job's latest event was never sent: 400, not a stream that waits for it", async () => {
    const app = instances([createMemoryStore()]);
    const jobId = await jobIdOf(await app.submit("alice"));
    const stream = await openStream(app, "alice", jobId, { lastEventId: "7" });
    expect(stream.response.status).toBe(400);
    expect(await stream.response.json()).toMatchObject({ error: { code: "invalid_input" } });
    expect(app.proxies[0]!.openStreams).toBe(0);
  });

  test("another user's job: the 404 of an unknown one, and nothing upstream; anonymous: 401", async () => {
    const app = instances([createMemoryStore()]);
    const jobId = await jobIdOf(await app.submit("alice"));
    const before = app.fake.requests.length;
    const asBob = await openStream(app, "bob", jobId);
    const unknown = await openStream(app, "bob", "job_nobody");
    expect(asBob.response.status).toBe(404);
    expect(await asBob.response.text()).toBe(await unknown.response.text());
    expect((await openStream(app, undefined, jobId)).response.status).toBe(401);
    expect(app.fake.requests.length).toBe(before);
  });

  test("a closed stream is let go of on the server; HEAD opens none", async () => {
    const app = instances([createMemoryStore()]);
    const jobId = await jobIdOf(await app.submit("alice"));
    const head = await app.call("alice", `${BASE}/jobs/${jobId}/events`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toContain("text/event-stream");
    expect(app.proxies[0]!.openStreams).toBe(0);
    const stream = await openStream(app, "alice", jobId);
    await expect.poll(() => app.proxies[0]!.openStreams).toBe(1);
    await stream.close();
    await expect.poll(() => app.proxies[0]!.openStreams).toBe(0);
  });

  test("a stream whose subscription the store refuses is closed, logged, and not counted as open", async () => {
    const store = createMemoryStore();
    const failing: KlingStore = { ...store, subscribe: () => Promise.reject(new Error("pub/sub down")) };
    const app = instances([failing]);
    const jobId = await jobIdOf(await app.submit("alice"));
    const streams = await Promise.all([openStream(app, "alice", jobId), openStream(app, "alice", jobId)]);
    await Promise.all(streams.map((stream) => stream.ended));
    expect(app.logs.filter((event) => event.event === "store_failed")).toHaveLength(2);
    expect(app.proxies[0]!.openStreams).toBe(0);
  });

  test("with push off the route serves nothing (405, an empty Allow): browsers poll every job without trying each stream", async () => {
    const app = instances([createMemoryStore()], { push: false });
    const jobId = await jobIdOf(await app.submit("alice"));
    const { response } = await openStream(app, "alice", jobId);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("");
  });

  test("through toNodeHandler: a client gone before the stream's answer is written leaves no stream open", async () => {
    let release = () => {};
    const slowAuthorize = new Promise<void>((resolve) => (release = resolve));
    const app = instances(
      [createMemoryStore()],
      {
        // The session lookup is slow for the stream request only.
        authorize: async (_request, action) => {
          if (action.type === "status") await slowAuthorize;
          return true;
        },
      },
      { processingMs: 600_000 },
    );
    const jobId = await jobIdOf(await app.submit("alice"));
    let answered = false;
    const proxy = app.proxies[0]!;
    const handler = toNodeHandler(
      async (request) => {
        const response = await proxy(request);
        answered = true;
        return response;
      },
      { basePath: BASE },
    );
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const arrived = new Promise<void>((resolve) => server.once("request", () => resolve()));
      const request = http.request({
        host: "127.0.0.1",
        port,
        path: `${BASE}/jobs/${jobId}/events`,
        headers: { "x-user": "alice" },
      });
      request.on("error", () => undefined);
      request.end();
      await arrived;
      // The tab closes while the proxy is still deciding; the answer comes after.
      request.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await expect.poll(() => answered, { timeout: 2_000 }).toBe(true);
      await expect.poll(() => proxy.openStreams, { timeout: 2_000 }).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("through toNodeHandler: bytes reach the client as they are written, not at the end", async () => {
    const app = instances([createMemoryStore()], {}, { processingMs: 600_000 });
    const jobId = await jobIdOf(await app.submit("alice"));
    const server = http.createServer(toNodeHandler(app.proxies[0]!));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}${BASE}/jobs/${jobId}/events`, {
        headers: { "x-user": "alice" },
      });
      const reader = response.body!.getReader();
      let text = "";
      while (!text.includes("event: status")) text += new TextDecoder().decode((await reader.read()).value);
      expect(text).toContain(": open");
      expect(text).toContain('"status":"pending"');
      await reader.cancel();
      await expect.poll(() => app.proxies[0]!.openStreams).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
