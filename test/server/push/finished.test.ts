import { describe, expect, test } from "vitest";
import { createMemoryStore, type KlingHistoryItem } from "../../../src/server";
import { instances, jobIdOf } from "../many-users/support";
import { createFakeKling } from "../../../src/testing";
import { KEY } from "../support";
import { fakeClock, JOB, openStream, run } from "./support";

describe("onJobFinished: once per job, when it ends", () => {
  test("a completed job is handed over once, with its output and owner, though no tab watched it", async () => {
    fakeClock();
    const calls: Array<[KlingHistoryItem, string]> = [];
    const app = instances([createMemoryStore()], { onJobFinished: (job, owner) => void calls.push([job, owner]) }, JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    await run(60_000);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual([
      expect.objectContaining({
        jobId,
        status: "completed",
        output: { video: "https://cdn.example/out.mp4" },
        input: expect.objectContaining({ prompt: "Make it snow" }),
      }),
      "alice",
    ]);
    expect(app.logs.filter((event) => event.event === "job_finished")).toHaveLength(1);
  });

  test("a failed job is handed over too, with why", async () => {
    fakeClock();
    const calls: KlingHistoryItem[] = [];
    const app = instances(
      [createMemoryStore()],
      { onJobFinished: (job) => void calls.push(job) },
      { ...JOB, failureRate: 1, failureMessage: "No face found." },
    );
    await app.submit("alice");
    await run(30_000);
    expect(calls).toEqual([expect.objectContaining({ status: "failed", error: "No face found." })]);
  });

  test("two instances on one store: each job is handed over once", async () => {
    fakeClock();
    const store = createMemoryStore();
    const calls: string[] = [];
    const app = instances([store, store], { onJobFinished: (job) => void calls.push(job.jobId) }, JOB);
    const ids = [
      await jobIdOf(await app.submit("alice", { instance: 0 })),
      await jobIdOf(await app.submit("bob", { instance: 1 })),
    ];
    // Both instances look for due work (a request wakes each).
    await app.call("alice", "/api/kling/jobs", { instance: 1 });
    await run(60_000);
    expect(calls.sort()).toEqual(ids.sort());
  });

  test("a store that fails to queue the ending (a restart) delays the hand-over by seconds, not to the deadline", async () => {
    fakeClock();
    const store = createMemoryStore();
    const schedule = store.schedule.bind(store);
    let refused = 0;
    // The ending is seen once: its "due now" entry is the write that fails, twice.
    store.schedule = (queue, jobId, at, options) => {
      if (queue === "finish" && at <= Date.now() && refused < 2) {
        refused++;
        return Promise.reject(new Error("Socket closed unexpectedly"));
      }
      return schedule(queue, jobId, at, options);
    };
    const calls: string[] = [];
    const app = instances([store], { onJobFinished: (job) => void calls.push(job.status) }, JOB);
    await app.submit("alice");
    await run(30_000);
    expect(refused).toBe(2);
    expect(calls).toEqual(["completed"]);
    await run(20 * 60_000);
    expect(calls).toEqual(["completed"]);
  });

  test("a throw is logged and tried again a minute later, until it succeeds; never twice after", async () => {
    fakeClock();
    let attempts = 0;
    const app = instances(
      [createMemoryStore()],
      {
        onJobFinished: () => {
          if (++attempts < 3) throw new Error(`storage down (${attempts})`);
        },
      },
      JOB,
    );
    await app.submit("alice");
    await run(30_000);
    expect(attempts).toBe(1);
    expect(app.logs.filter((event) => event.event === "finish_failed")).toEqual([
      expect.objectContaining({ level: "error", error: expect.objectContaining({ message: "storage down (1)" }) }),
    ]);
    await run(61_000);
    expect(attempts).toBe(2);
    await run(61_000);
    expect(attempts).toBe(3);
    await run(300_000);
    expect(attempts).toBe(3);
  });

  test("a read of the ended job while onJobFinished runs (a freshly signed output URL) does not hand it over again, on any instance", async () => {
    fakeClock();
    let signed = 0;
    const calls: KlingHistoryItem[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = createMemoryStore();
    const app = instances(
      [store, store],
      {
        onJobFinished: async (job) => {
          calls.push(job);
          await gate; // copying the video takes a while
        },
      },
      { ...JOB, outputVideoUrl: () => `https://cdn.example/out.mp4?signature=${++signed}` },
    );
    const jobId = await jobIdOf(await app.submit("alice"));
    await run(20_000);
    expect(calls).toHaveLength(1);
    // The owner's tab reads the job meanwhile, through the other instance: the upstream signs its output URL anew.
    expect((await app.call("alice", `/api/kling/jobs/${jobId}`, { instance: 1 })).status).toBe(200);
    await run(10_000);
    release();
    await run(400_000);
    expect(calls).toHaveLength(1);
  });

  test("a job the upstream answers as already ended is handed over at once, not at its deadline", async () => {
    fakeClock();
    const calls: KlingHistoryItem[] = [];
    const fake = createFakeKling({ apiKey: KEY, ...JOB });
    // Refused on arrival (a moderation check, say): the submit's answer is the ending.
    const endedOnArrival: typeof fetch = async (input, init) => {
      const response = await fake.fetch(input, init);
      if (init?.method !== "POST") return response;
      const job = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...job, status: "failed", error: "Refused by moderation." }), {
        status: 202,
        headers: response.headers,
      });
    };
    const app = instances([createMemoryStore()], {
      onJobFinished: (job) => void calls.push(job),
      fetch: endedOnArrival,
    });
    await app.submit("alice");
    await run(10_000);
    expect(calls).toEqual([expect.objectContaining({ status: "failed" })]);
  });

  test("a slow onJobFinished holds up no other job's watch", async () => {
    fakeClock();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = instances([createMemoryStore()], { onJobFinished: () => gate }, JOB);
    await app.submit("alice");
    await run(20_000);
    // The first job is being handed over (and takes minutes); a second one runs meanwhile.
    const second = await jobIdOf(await app.submit("bob"));
    const stream = await openStream(app, "bob", second);
    await run(20_000);
    expect(stream.events.map((event) => event.json.status)).toEqual(["pending", "processing", "completed"]);
    release();
    await run(1_000);
  });

  test("a job that never ends is handed over as expired at its watch deadline, once", async () => {
    fakeClock();
    const calls: KlingHistoryItem[] = [];
    const app = instances(
      [createMemoryStore()],
      { onJobFinished: (job) => void calls.push(job), push: { polling: { maxWaitMs: 120_000 } } },
      { processingMs: 3_600_000 },
    );
    await app.submit("alice");
    await run(119_000);
    expect(calls).toEqual([]);
    await run(2_000);
    expect(calls).toEqual([expect.objectContaining({ status: "expired" })]);
    await run(600_000);
    expect(calls).toHaveLength(1);
  });

  test("without onJobFinished and without streams, the server does not watch (the browser may poll)", async () => {
    fakeClock();
    const app = instances([createMemoryStore()], {}, JOB);
    await app.submit("alice");
    await run(60_000);
    expect(app.fake.requests.filter((request) => request.method === "GET")).toHaveLength(0);
  });

  test("onJobFinished must be a function", () => {
    expect(() => instances([createMemoryStore()], { onJobFinished: "save" as never })).toThrow(
      /onJobFinished must be a function/,
    );
  });
});
