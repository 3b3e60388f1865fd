import { describe, expect, test } from "vitest";
import { createMemoryStore } from "../../../src/server";
import { BASE } from "../support";
import { errorOf, instances, jobIdOf } from "./support";

describe("identify's answer is a bounded user id, or the request does not pass", () => {
  test.each([
    ["a number", 42],
    ["an object", { id: "alice" }],
    ["an empty string", ""],
    ["257 characters", "a".repeat(257)],
    ["a control character", "alice\nadmin"],
    ["true", true],
  ])("%s: 500, logged as the app's bug, never forwarded", async (_name, answer) => {
    const app = instances([createMemoryStore()], { identify: () => answer as never });
    const response = await app.submit("ignored");
    expect(await errorOf(response)).toMatchObject({ status: 500, code: "internal_error" });
    expect(app.upstreamCalls()).toBe(0);
    expect(app.logs.at(-1)).toMatchObject({
      level: "error",
      event: "identify_failed",
      message: expect.stringContaining("identify()"),
    });
  });

  test("a throw (the session store is down): 500, logged, never forwarded", async () => {
    const app = instances([createMemoryStore()], {
      identify: async () => {
        throw new Error("sessions unavailable");
      },
    });
    expect(await errorOf(await app.call("x", `${BASE}/jobs`))).toMatchObject({ status: 500, code: "internal_error" });
    expect(app.logs.at(-1)).toMatchObject({ event: "identify_failed", error: { message: "sessions unavailable" } });
  });

  test("256 characters, and any printable text, is a user id", async () => {
    const app = instances([createMemoryStore()], { identify: (request) => request.headers.get("x-user") });
    for (const user of ["a".repeat(256), "ünïcødé user@example.com", "user:with:colons", "../../etc"]) {
      const response = await app.submit(user);
      expect(response.status).toBe(202);
      const jobId = await jobIdOf(response);
      expect((await app.call(user, `${BASE}/jobs/${jobId}`)).status).toBe(200);
    }
  });

  test("identify is required unless ownership is off", () => {
    expect(() => instances([createMemoryStore()], { identify: undefined })).toThrow(/identify\(request\)` is required/);
    expect(() => instances([createMemoryStore()], { identify: "alice" as never })).toThrow(
      /identify must be a function/,
    );
    expect(() => instances([createMemoryStore()], { ownership: "yes" as never })).toThrow(
      /ownership must be true or false/,
    );
  });
});

describe("the history route takes a cursor and a limit, strictly", () => {
  test.each([
    ["a made-up cursor", "?cursor=abc", /cursor/],
    ["a cursor with a bad job id", "?cursor=123.job%2Fx", /cursor/],
    ["a cursor of the wrong shape", "?cursor=12.34.56", /cursor/],
    ["limit 0", "?limit=0", /limit/],
    ["limit 101", "?limit=101", /limit/],
    ["a negative limit", "?limit=-5", /limit/],
    ["a fractional limit", "?limit=2.5", /limit/],
    ["two limits", "?limit=2&limit=3", /twice/],
    ["an unknown parameter", "?owner=bob", /Unknown query parameter "owner"/],
  ])("%s: 400 with what is wrong, nothing read", async (_name, query, message) => {
    const app = instances([createMemoryStore()]);
    const error = await errorOf(await app.call("alice", `${BASE}/jobs${query}`));
    expect(error).toMatchObject({ status: 400, code: "invalid_input" });
    expect(error.message).toMatch(message);
  });

  test("pages newest first, with nextCursor until the last page", async () => {
    const store = createMemoryStore();
    const app = instances([store]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await jobIdOf(await app.submit("alice")));
    await app.submit("bob");
    const seen: string[] = [];
    let query = "?limit=2";
    for (let page = 0; page < 5; page++) {
      const body = (await (await app.call("alice", `${BASE}/jobs${query}`)).json()) as {
        jobs: Array<{
          jobId: string;
          input: unknown;
          createdAt: string;
          expiresAt: string;
          status: string;
          creditCost: number;
        }>;
        nextCursor?: string;
      };
      seen.push(...body.jobs.map((job) => job.jobId));
      for (const job of body.jobs)
        expect(job).toMatchObject({
          status: "pending",
          creditCost: 40,
          input: { prompt: "Make it snow", tier: "pro" },
        });
      if (!body.nextCursor) break;
      query = `?limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    // Submitted within the same millisecond or not, the order is the store's: newest first.
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(5);
  });

  test("a cursor naming another user's job lists only the caller's own", async () => {
    const app = instances([createMemoryStore()]);
    const bobs = await jobIdOf(await app.submit("bob"));
    const body = (await (await app.call("alice", `${BASE}/jobs?cursor=${Date.now() + 1000}.${bobs}`)).json()) as {
      jobs: unknown[];
    };
    expect(body.jobs).toEqual([]);
  });

  test("the history reflects what status reads saw: output and status of a finished job", async () => {
    const app = instances([createMemoryStore()], {}, { outputVideoUrl: "https://cdn.example/out.mp4" });
    const jobId = await jobIdOf(await app.submit("alice"));
    app.fake.advance(10 * 60_000);
    await app.call("alice", `${BASE}/jobs/${jobId}`);
    const body = (await (await app.call("alice", `${BASE}/jobs`)).json()) as { jobs: unknown[] };
    expect(body.jobs).toEqual([
      expect.objectContaining({ jobId, status: "completed", output: { video: "https://cdn.example/out.mp4" } }),
    ]);
  });

  test("POST on the history is a 405 with Allow", async () => {
    const app = instances([createMemoryStore()]);
    const response = await app.call("alice", `${BASE}/jobs`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});
