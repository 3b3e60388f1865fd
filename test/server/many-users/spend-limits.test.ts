import { afterEach, describe, expect, test, vi } from "vitest";
import { createMemoryStore, type KlingStore } from "../../../src/server";
import { createFakeKling } from "../../../src/testing";
import { redisForTests } from "../../support/redis-for-tests";
import { BASE, KEY } from "../support";
import { errorOf, instances, jobIdOf } from "./support";

const HOUR = 3_600_000;
/** Three 5 s pro edits (40 credits each, the default estimate) fit; a fourth does not. */
const THREE_EDITS = { credits: 120, windowMs: HOUR };

const redis = redisForTests();
afterEach(() => vi.useRealTimers());
const twoInstancesOnRedis = (): Promise<KlingStore[]> => redis.stores(2);

describe("spend limits hold across instances", () => {
  test("20 concurrent submits by one user on two instances, a limit of 3: exactly 3 reach the upstream", async () => {
    const app = instances(await twoInstancesOnRedis(), { spendLimit: THREE_EDITS });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => app.submit("alice", { instance: i % 2 })));

    const accepted = responses.filter((response) => response.status === 202);
    const refused = await Promise.all(responses.filter((response) => response.status !== 202).map(errorOf));
    expect(accepted).toHaveLength(3);
    expect(app.fake.requests.filter((request) => request.method === "POST")).toHaveLength(3);
    expect(refused).toHaveLength(17);
    for (const error of refused) {
      expect(error).toMatchObject({ status: 429, code: "quota_exceeded" });
      // The first of the three frees up an hour after it was reserved (a refused request may
      // have read its clock a moment before that reservation was made: a second more).
      expect(Number(error.retryAfter)).toBeGreaterThan(HOUR / 1000 - 60);
      expect(Number(error.retryAfter)).toBeLessThanOrEqual(HOUR / 1000 + 1);
    }
    // Another user's window is their own.
    expect((await app.submit("bob", { instance: 1 })).status).toBe(202);
  });

  test("a limit per user: a function of the user, `undefined` for no limit", async () => {
    const app = instances(await twoInstancesOnRedis(), {
      spendLimit: (user) => (user === "admin" ? undefined : { credits: 40, windowMs: HOUR }),
    });
    expect((await app.submit("alice")).status).toBe(202);
    expect((await app.submit("alice", { instance: 1 })).status).toBe(429);
    for (let i = 0; i < 3; i++) expect((await app.submit("admin", { instance: i % 2 })).status).toBe(202);
  });
});

describe("a restart", () => {
  test("with Redis, what a user spent still counts: a new proxy on another connection refuses past the limit", async () => {
    // Two connections to one Redis under one prefix: the first proxy's, and the restarted one's.
    const [first, afterRestart] = await twoInstancesOnRedis();
    const before = instances([first!], { spendLimit: THREE_EDITS });
    for (let i = 0; i < 3; i++) expect((await before.submit("alice")).status).toBe(202);
    const restarted = instances([afterRestart!], { spendLimit: THREE_EDITS, fetch: before.fake.fetch });
    expect(await errorOf(await restarted.submit("alice"))).toMatchObject({ status: 429, code: "quota_exceeded" });
    expect((await restarted.submit("bob")).status).toBe(202);
  });

  test("with the memory store, a restart forgets what was spent (documented)", async () => {
    const before = instances([createMemoryStore()], { spendLimit: THREE_EDITS });
    for (let i = 0; i < 3; i++) expect((await before.submit("alice")).status).toBe(202);
    const restarted = instances([createMemoryStore()], { spendLimit: THREE_EDITS, fetch: before.fake.fetch });
    expect((await restarted.submit("alice")).status).toBe(202);
  });
});

describe("reservations follow what the upstream said", () => {
  test("settled to the upstream's creditCost: a cheaper edit than estimated leaves room for more", async () => {
    const fake = createFakeKling({ apiKey: KEY, pricing: () => 10 });
    const app = instances([createMemoryStore()], { spendLimit: { credits: 60, windowMs: HOUR }, fetch: fake.fetch });
    // Estimated 40 each (5 s pro); charged 10: after two edits 20 are used, so a third estimate (40) fits.
    for (let i = 0; i < 3; i++) expect((await app.submit("alice")).status).toBe(202);
    expect(await errorOf(await app.submit("alice"))).toMatchObject({ code: "quota_exceeded" });
  });

  test.each([
    ["402: no credits upstream", { credits: 0 }],
    ["400: the upstream refused the input", { limits: { maxDurationSeconds: 4 } }],
  ])("a clear refusal (%s) gives the reservation back", async (_name, fakeOptions) => {
    const refusing = createFakeKling({ apiKey: KEY, ...fakeOptions });
    const app = instances([createMemoryStore()], {
      spendLimit: { credits: 40, windowMs: HOUR },
      fetch: refusing.fetch,
    });
    const first = await app.submit("alice");
    expect(first.status).toBeGreaterThanOrEqual(400);
    expect(first.status).toBeLessThan(500);
    // Refused, so nothing was spent: the next try is not over the limit (the upstream answers again).
    expect((await app.submit("alice")).status).toBe(first.status);
    expect(refusing.requests.filter((request) => request.method === "POST")).toHaveLength(2);
  });

  test("a 429 of the upstream (refused, nothing charged) gives it back too", async () => {
    const app = instances([createMemoryStore()], { spendLimit: { credits: 40, windowMs: HOUR } });
    app.fake.failNext({ fault: "rate_limit", on: "submit" });
    const limited = await app.submit("alice");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ error: "Too many requests" });
    expect((await app.submit("alice")).status).toBe(202);
  });

  test.each([
    ["an upstream 500", "server_error", 500],
    ["an unreadable answer", "malformed", 502],
    ["no connection", "network_error", 502],
  ] as const)("a submit that may have been charged (%s) keeps its reservation", async (_name, fault, status) => {
    const app = instances([createMemoryStore()], { spendLimit: { credits: 40, windowMs: HOUR } });
    app.fake.failNext({ fault, on: "submit" });
    expect((await app.submit("alice")).status).toBe(status);
    expect(await errorOf(await app.submit("alice"))).toMatchObject({ status: 429, code: "quota_exceeded" });
  });

  test("a submit that timed out keeps its reservation", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    const app = instances([createMemoryStore()], {
      spendLimit: { credits: 40, windowMs: HOUR },
      fetch: hanging,
      timeoutMs: 1_000,
    });
    const pending = app.submit("alice");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await errorOf(await pending)).toMatchObject({ status: 504, code: "timeout" });
    expect(await errorOf(await app.submit("alice"))).toMatchObject({ status: 429, code: "quota_exceeded" });
  });

  test("an edit that can never fit the limit says so, without a Retry-After", async () => {
    const app = instances([createMemoryStore()], { spendLimit: { credits: 30, windowMs: HOUR } });
    const error = await errorOf(await app.submit("alice"));
    expect(error).toMatchObject({ status: 429, code: "quota_exceeded", retryAfter: null });
    expect(error.message).toContain("more than your limit");
    expect(app.upstreamCalls()).toBe(0);
  });
});

describe("the spend limit itself is checked", () => {
  test.each([
    ["a negative budget", { credits: -1, windowMs: HOUR }],
    ["a zero window", { credits: 10, windowMs: 0 }],
    ["not a number", { credits: "100", windowMs: HOUR }],
  ])("a static %s fails at start-up", (_name, spendLimit) => {
    expect(() => instances([createMemoryStore()], { spendLimit: spendLimit as never })).toThrow(/spendLimit/);
  });

  test("a function that throws or answers nonsense refuses the submit with 500, logged, nothing upstream", async () => {
    for (const spendLimit of [
      () => {
        throw new Error("billing db down");
      },
      () => ({ credits: Number.NaN, windowMs: HOUR }),
    ]) {
      const app = instances([createMemoryStore()], { spendLimit });
      expect(await errorOf(await app.submit("alice"))).toMatchObject({ status: 500, code: "internal_error" });
      expect(app.upstreamCalls()).toBe(0);
      expect(app.logs.at(-1)).toMatchObject({ level: "error", event: "internal_error" });
    }
  });
});

describe("credits that are not a cost", () => {
  test.each([
    ["a negative estimate", () => -40],
    ["NaN", () => Number.NaN],
    ["Infinity", () => Number.POSITIVE_INFINITY],
  ])(
    "a pricing function that answers %s refuses the submit with 500, logged, nothing upstream",
    async (_name, pricing) => {
      const app = instances([createMemoryStore()], { spendLimit: { credits: 40, windowMs: HOUR }, pricing });
      const answers = await Promise.all(Array.from({ length: 5 }, () => app.submit("alice")));
      for (const answer of answers)
        expect(await errorOf(answer)).toMatchObject({ status: 500, code: "internal_error" });
      expect(app.upstreamCalls()).toBe(0);
      expect(app.logs.at(-1)).toMatchObject({
        level: "error",
        event: "internal_error",
        message: expect.stringContaining("pricing"),
      });
    },
  );

  test("a negative creditCost from the upstream frees no credits and is not recorded as the cost", async () => {
    const fake = createFakeKling({ apiKey: KEY });
    const negativeCost: typeof fetch = async (input, init) => {
      const response = await fake.fetch(input, init);
      if (init?.method !== "POST") return response;
      const job = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...job, creditCost: -400 }), {
        status: response.status,
        headers: response.headers,
      });
    };
    const app = instances(await twoInstancesOnRedis(), {
      spendLimit: { credits: 80, windowMs: HOUR },
      fetch: negativeCost,
    });
    const jobId = await jobIdOf(await app.submit("alice"));
    expect((await app.submit("alice", { instance: 1 })).status).toBe(202);
    // Two estimates of 40 are reserved still: a third edit is over the limit.
    expect(await errorOf(await app.submit("alice"))).toMatchObject({ status: 429, code: "quota_exceeded" });
    const history = (await (await app.call("alice", `${BASE}/jobs`)).json()) as {
      jobs: Array<{ jobId: string; creditCost?: number }>;
    };
    expect(history.jobs.find((job) => job.jobId === jobId)).not.toHaveProperty("creditCost");
  });
});

test("the quota message names what is used and when more frees up", async () => {
  const app = instances([createMemoryStore()], { spendLimit: { credits: 80, windowMs: 3 * HOUR } });
  await jobIdOf(await app.submit("alice"));
  await jobIdOf(await app.submit("alice"));
  const error = await errorOf(await app.submit("alice"));
  expect(error.message).toMatch(
    /You have used 80 of your 80 credits for now; this edit needs about 40\. More in 3 h\./,
  );
  expect(app.logs.at(-1)).toMatchObject({ level: "warn", event: "refused", status: 429 });
  expect((await app.call("alice", `${BASE}/jobs`)).status).toBe(200);
});
