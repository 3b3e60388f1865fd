// streamLimit: the event streams one user holds open at once, counted in the store across
// instances; each place kept on every heartbeat, given back when its stream ends.
import { describe, expect, test } from "vitest";
import { createMemoryStore, DEFAULT_STREAMS_PER_USER, type KlingStore } from "../../../src/server";
import { redisForTests } from "../../support/redis-for-tests";
import { fakeClock, JOB, openStream, run, type OpenStream } from "../push/support";
import { errorOf, instances, jobIdOf, type Instances } from "./support";

/** A job that stays running for the whole test. */
const LONG_JOB = { processingMs: 600_000 };
const redis = redisForTests();

async function openMany(app: Instances, user: string, jobId: string, count: number): Promise<OpenStream[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => openStream(app, user, jobId, { instance: i % app.proxies.length })),
  );
}
const statuses = (streams: OpenStream[]) => streams.map((stream) => stream.response.status);
const closeAll = (streams: OpenStream[]) => Promise.all(streams.map((stream) => stream.close()));

describe("stream limits hold across instances", () => {
  test("8 streams by one user on two instances under perUser 3: 3 open, 5 refused 429; closing one frees a place; another user is not affected", async () => {
    const app = instances(await redis.stores(2), { streamLimit: { perUser: 3 } }, LONG_JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    const streams = await openMany(app, "alice", jobId, 8);

    const open = streams.filter((stream) => stream.response.status === 200);
    expect(open).toHaveLength(3);
    const refused = await Promise.all(
      streams.filter((stream) => stream.response.status !== 200).map((stream) => errorOf(stream.response)),
    );
    expect(refused).toHaveLength(5);
    for (const error of refused)
      expect(error).toMatchObject({
        status: 429,
        code: "quota_exceeded",
        message: expect.stringContaining("3 live job updates"),
      });

    const bobJob = await jobIdOf(await app.submit("bob", { instance: 1 }));
    const bob = await openMany(app, "bob", bobJob, 3);
    expect(statuses(bob)).toEqual([200, 200, 200]);

    // The place is given back once the close has reached the store (on the other instance's connection).
    await open[0]!.close();
    const again: OpenStream[] = [];
    await expect
      .poll(
        async () => {
          const stream = await openStream(app, "alice", jobId, { instance: 1 });
          if (stream.response.status === 200) again.push(stream);
          return stream.response.status;
        },
        { timeout: 5_000, interval: 20 },
      )
      .toBe(200);
    expect(statuses(await openMany(app, "alice", jobId, 1))).toEqual([429]);
    await closeAll([...open, ...bob, ...again]);
  });

  test("a stream that ends with its job gives its place back", async () => {
    fakeClock();
    const app = instances([createMemoryStore()], { streamLimit: { perUser: 1 } }, JOB);
    const first = await jobIdOf(await app.submit("alice"));
    const stream = await openStream(app, "alice", first);
    const second = await jobIdOf(await app.submit("alice"));
    expect((await openStream(app, "alice", second)).response.status).toBe(429);
    await run(20_000, 1_000);
    await stream.ended;
    const next = await openStream(app, "alice", second, { lastEventId: "1" });
    expect(next.response.status).toBe(200);
    await next.close();
  });

  test("an instance that died: its places free themselves within three heartbeats; a live stream keeps its own", async () => {
    fakeClock();
    const store = createMemoryStore();
    const app = instances([store], { streamLimit: { perUser: 3 }, push: { heartbeatMs: 1_000 } }, LONG_JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    const live = await openStream(app, "alice", jobId);
    // Two streams of an instance that died: their places, never kept again.
    for (const ghost of ["ghost-1", "ghost-2"]) await store.acquireStreamSlot("alice", ghost, 3, 3_000, Date.now());
    expect(statuses(await openMany(app, "alice", jobId, 1))).toEqual([429]);
    await run(3_000, 1_000);
    const later = await openMany(app, "alice", jobId, 2);
    expect(statuses(later)).toEqual([200, 200]);
    // Many heartbeats on, the three live ones still hold their places.
    await run(20_000, 1_000);
    expect(live.isEnded()).toBe(false);
    expect(statuses(await openMany(app, "alice", jobId, 1))).toEqual([429]);
    await closeAll([live, ...later]);
  });

  test("a stream whose place lapsed and was taken by another ends (the browser opens it again)", async () => {
    fakeClock();
    const store = createMemoryStore();
    let kept = true;
    const forgetful: KlingStore = {
      ...store,
      acquireStreamSlot: async (...args) => (kept ? store.acquireStreamSlot(...args) : false),
    };
    const app = instances([forgetful], { streamLimit: { perUser: 3 }, push: { heartbeatMs: 1_000 } }, LONG_JOB);
    const stream = await openStream(app, "alice", await jobIdOf(await app.submit("alice")));
    await run(3_000, 1_000);
    expect(stream.isEnded()).toBe(false);
    kept = false;
    await run(1_000);
    await stream.ended;
    expect(app.proxies[0]!.openStreams).toBe(0);
  });
});

describe("the default, and how to change it", () => {
  test(`on by default: ${DEFAULT_STREAMS_PER_USER} streams per user, then 429`, async () => {
    const app = instances([createMemoryStore()], {}, LONG_JOB);
    const jobId = await jobIdOf(await app.submit("alice"));
    const streams = await openMany(app, "alice", jobId, DEFAULT_STREAMS_PER_USER + 1);
    expect(statuses(streams).filter((status) => status === 200)).toHaveLength(DEFAULT_STREAMS_PER_USER);
    expect(statuses(streams).filter((status) => status === 429)).toHaveLength(1);
    await closeAll(streams);
  });

  test("false turns it off; without identify nobody is counted", async () => {
    for (const options of [
      { streamLimit: false as const },
      { streamLimit: { perUser: 1 }, identify: undefined, ownership: false },
    ]) {
      const app = instances([createMemoryStore()], options, LONG_JOB);
      const jobId = await jobIdOf(await app.submit("alice"));
      const streams = await openMany(app, "alice", jobId, DEFAULT_STREAMS_PER_USER + 1);
      expect(statuses(streams).every((status) => status === 200)).toBe(true);
      await closeAll(streams);
    }
  });

  test.each([
    ["0", { perUser: 0 }],
    ["a fraction", { perUser: 2.5 }],
    ["a string", { perUser: "3" }],
    ["nothing", {}],
  ])("perUser of %s fails at start-up", (_name, streamLimit) => {
    expect(() => instances([createMemoryStore()], { streamLimit: streamLimit as never })).toThrow(/streamLimit/);
  });

  test("a store without the stream methods (written before them) fails at start-up, unless the limit is off", () => {
    const { acquireStreamSlot: _acquire, releaseStreamSlot: _release, ...older } = createMemoryStore();
    expect(() => instances([older as KlingStore])).toThrow(
      /streamLimit needs the store's acquireStreamSlot, releaseStreamSlot/,
    );
    expect(() => instances([older as KlingStore], { streamLimit: false })).not.toThrow();
  });
});
