import { describe, expect, test } from "vitest";
import { createMemoryStore, type KlingStore } from "../../../src/server";
import { redisForTests } from "../../support/redis-for-tests";
import { BASE } from "../support";
import { errorOf, instances, jobIdOf } from "./support";

const redis = redisForTests();
const redisStore = redis.open;

describe.each([
  ["one instance, memory store", async (): Promise<KlingStore[]> => [createMemoryStore()]],
  ["two instances on one Redis", (): Promise<KlingStore[]> => redis.stores(2)],
])("jobs belong to who submitted them: %s", (_name, stores) => {
  test("B reading A's job gets the 404 of an unknown job, and the upstream sees nothing", async () => {
    const app = instances(await stores());
    const jobId = await jobIdOf(await app.submit("alice"));
    const before = app.upstreamCalls();

    const asBob = await app.call("bob", `${BASE}/jobs/${jobId}`, { instance: app.proxies.length - 1 });
    const unknown = await app.call("bob", `${BASE}/jobs/job_nobodyknows`);

    expect(asBob.status).toBe(404);
    expect(await asBob.text()).toBe(await unknown.text());
    expect([...asBob.headers]).toEqual([...unknown.headers]);
    expect(app.upstreamCalls()).toBe(before);
  });

  test("A reads her job on every instance", async () => {
    const app = instances(await stores());
    const jobId = await jobIdOf(await app.submit("alice"));
    for (let instance = 0; instance < app.proxies.length; instance++) {
      const response = await app.call("alice", `${BASE}/jobs/${jobId}`, { instance });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ jobId, status: "pending" });
    }
  });

  test("B's history does not list A's jobs; A's lists hers, on every instance", async () => {
    const app = instances(await stores());
    const jobId = await jobIdOf(await app.submit("alice"));
    const before = app.upstreamCalls();
    const bob = await app.call("bob", `${BASE}/jobs`, { instance: app.proxies.length - 1 });
    expect(await bob.json()).toEqual({ jobs: [] });
    for (let instance = 0; instance < app.proxies.length; instance++) {
      const alice = (await (await app.call("alice", `${BASE}/jobs`, { instance })).json()) as {
        jobs: Array<{ jobId: string }>;
      };
      expect(alice.jobs.map((job) => job.jobId)).toEqual([jobId]);
    }
    expect(app.upstreamCalls()).toBe(before);
  });

  test("a job id that merely looks like A's (case, prefix) is still not hers", async () => {
    const app = instances(await stores());
    const jobId = await jobIdOf(await app.submit("alice"));
    for (const id of [jobId.toUpperCase(), `${jobId}x`, jobId.slice(0, -1)]) {
      expect((await app.call("alice", `${BASE}/jobs/${id}`)).status).toBe(404);
    }
  });

  test("anonymous callers get 401 on every route, before anything else happens", async () => {
    let asked = 0;
    const app = instances(await stores(), { authorize: () => (asked++, true) });
    const jobId = await jobIdOf(await app.submit("alice"));
    const before = app.upstreamCalls();
    asked = 0;
    for (const response of [
      await app.submit(undefined, { body: "not even json" }),
      await app.call(undefined, `${BASE}/jobs/${jobId}`),
      await app.call(undefined, `${BASE}/jobs`),
    ]) {
      expect(await errorOf(response)).toMatchObject({ status: 401, code: "unauthorized" });
    }
    expect(asked).toBe(0);
    expect(app.upstreamCalls()).toBe(before);
  });
});

describe("ownership: false, the documented exception", () => {
  test("every authorised caller may read every job, and identify is optional", async () => {
    const app = instances([createMemoryStore()], { ownership: false, identify: undefined });
    const jobId = await jobIdOf(await app.submit(undefined));
    const response = await app.call("anyone", `${BASE}/jobs/${jobId}`);
    expect(response.status).toBe(200);
    const list = (await (await app.call(undefined, `${BASE}/jobs`)).json()) as { jobs: Array<{ jobId: string }> };
    expect(list.jobs.map((job) => job.jobId)).toEqual([jobId]);
  });

  test("a job the store never saw is still read upstream (the exception's price)", async () => {
    const app = instances([createMemoryStore()], { ownership: false });
    const response = await app.call("anyone", `${BASE}/jobs/job_elsewhere`);
    expect(response.status).toBe(404);
    expect(app.upstreamCalls()).toBe(1);
  });
});

describe("a restart", () => {
  test("with Redis, ownership and history survive: a new proxy knows the old jobs", async () => {
    const prefix = `restart-${Math.random()}`;
    const before = instances([await redisStore(prefix)]);
    const jobId = await jobIdOf(await before.submit("alice"));
    // A new proxy on a new connection, in front of the same upstream account.
    const restarted = instances([await redisStore(prefix)], { fetch: before.fake.fetch });
    expect((await restarted.call("alice", `${BASE}/jobs/${jobId}`)).status).toBe(200);
    expect((await restarted.call("bob", `${BASE}/jobs/${jobId}`)).status).toBe(404);
    const history = (await (await restarted.call("alice", `${BASE}/jobs`)).json()) as {
      jobs: Array<{ jobId: string }>;
    };
    expect(history.jobs.map((job) => job.jobId)).toEqual([jobId]);
  });

  test("with the memory store, a restart forgets: old jobs answer 404 (documented)", async () => {
    const before = instances([createMemoryStore()]);
    const jobId = await jobIdOf(await before.submit("alice"));
    const restarted = instances([createMemoryStore()], { fetch: before.fake.fetch });
    expect((await restarted.call("alice", `${BASE}/jobs/${jobId}`)).status).toBe(404);
    expect(await (await restarted.call("alice", `${BASE}/jobs`)).json()).toEqual({ jobs: [] });
  });
});
