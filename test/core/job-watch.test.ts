import { afterEach, describe, expect, it, vi } from "vitest";
import type { KlingJobClient } from "../../src/core/client";
import { KlingError } from "../../src/core/errors";
import { createJobWatch } from "../../src/core/job-watch";
import {
  initialWatchState,
  jobWatchTransition,
  MAX_DROPS,
  type JobWatchEnv,
  type JobWatchState,
} from "../../src/core/job-watch-machine";
import type { StreamEnd } from "../../src/core/stream";
import type { KlingJob } from "../../src/core/types";

const T0 = 1_000_000;
const env = (over: Partial<JobWatchEnv> = {}): JobWatchEnv => ({
  now: T0,
  polling: {},
  streamless: false,
  online: true,
  ...over,
});
const pending: KlingJob = { jobId: "job_1", status: "pending" };
const observed = (type: JobWatchState["type"], over: Partial<JobWatchState> = {}): JobWatchState =>
  ({ ...initialWatchState(T0), observers: 1, type, ...over }) as JobWatchState;

describe("jobWatchTransition", () => {
  it("the first observer opens the stream, with the deadline as the one timer", () => {
    const [state, effects] = jobWatchTransition(initialWatchState(T0), { type: "observe" }, env());
    expect(state).toMatchObject({ type: "streaming", observers: 1 });
    expect(effects).toEqual([{ type: "open" }, { type: "timer", delay: 20 * 60_000, due: "deadline" }]);
    // A second observer joins: nothing new.
    expect(jobWatchTransition(state, { type: "observe" }, env())).toEqual([{ ...state, observers: 2 }, []]);
  });

  it("a proxy known to have no stream: polling at once, the first status asked for", () => {
    const [state, effects] = jobWatchTransition(initialWatchState(T0), { type: "observe" }, env({ streamless: true }));
    expect(state.type).toBe("polling");
    // Nothing known yet: the first request is under way, its end schedules.
    expect(effects).toEqual([{ type: "settleFirst" }, { type: "timer", delay: null, due: "poll" }]);
  });

  it("a dropped stream reopens after 1, 2, 4 s, then gives way to polling", () => {
    let state = observed("streaming");
    const delays: unknown[] = [];
    for (let drop = 1; drop <= MAX_DROPS; drop++) {
      const [next, effects] = jobWatchTransition(state, { type: "streamEnd", end: "dropped" }, env());
      expect(next).toMatchObject({ type: "reopening", drops: drop });
      delays.push(effects.find((effect) => effect.type === "reopen"));
      [state] = jobWatchTransition(next, { type: "reopenDue" }, env());
      expect(state.type).toBe("streaming");
    }
    expect(delays).toEqual([1_000, 2_000, 4_000].map((delay) => ({ type: "reopen", delay })));
    const [polled, effects] = jobWatchTransition(
      { ...state, eventId: "3" },
      { type: "streamEnd", end: "dropped" },
      env({ job: pending }),
    );
    expect(polled).toMatchObject({ type: "polling", polled: true });
    // It had brought news: what it may have missed is asked for now.
    expect(effects).toEqual([{ type: "settleFirst" }, { type: "request" }]);
  });

  it("offline, a dropped stream waits for the browser to be online", () => {
    const [, effects] = jobWatchTransition(
      observed("streaming"),
      { type: "streamEnd", end: "dropped" },
      env({ online: false }),
    );
    expect(effects).toContainEqual({ type: "reopen", delay: "online" });
  });

  it.each<[StreamEnd, boolean]>([
    ["unsupported", true],
    ["buffered", true],
    ["not_found", false],
    ["refused", false],
  ])("a stream that ends %s: this job is polled (for every job: %s)", (end, everyJob) => {
    const [state, effects] = jobWatchTransition(
      observed("streaming"),
      { type: "streamEnd", end },
      env({ job: pending }),
    );
    expect(state).toMatchObject({ type: "polling", polled: true });
    expect(effects.some((effect) => effect.type === "streamless")).toBe(everyJob);
    expect(effects).toContainEqual({ type: "timer", delay: 2_000, due: "poll" });
  });

  it("a stream that ended with the job: ended, no timer", () => {
    expect(jobWatchTransition(observed("streaming"), { type: "streamEnd", end: "ended" }, env())).toEqual([
      observed("ended"),
      [{ type: "settleFirst" }],
    ]);
  });

  it("polls on the schedule, backs off after failures, stops on a terminal status", () => {
    const later = env({ now: T0 + 60_000, job: pending });
    expect(jobWatchTransition(observed("polling"), { type: "settled", ok: true }, later)[1]).toEqual([
      { type: "timer", delay: 5_000, due: "poll" },
    ]);
    const error = new KlingError("rate_limited", { retryAfterMs: 12_000 });
    const [failed, effects] = jobWatchTransition(
      observed("polling"),
      { type: "settled", ok: false },
      { ...later, error },
    );
    expect(failed.failures).toBe(1);
    expect(effects).toEqual([{ type: "timer", delay: 12_000, due: "poll" }]);
    const done = env({ job: { ...pending, status: "completed" } });
    expect(jobWatchTransition(failed, { type: "settled", ok: true }, done)).toEqual([
      { ...failed, failures: 0 },
      [{ type: "timer", delay: null, due: "poll" }],
    ]);
  });

  it("the deadline: the stream's timer ends at expiresAt, then a status request ends the watch", () => {
    const job = { ...pending, expiresAt: new Date(T0 + 90_000).toISOString() };
    const [, effects] = jobWatchTransition(observed("streaming"), { type: "streamEvent", eventId: "1" }, env({ job }));
    expect(effects).toEqual([{ type: "timer", delay: 90_000, due: "deadline" }]);
    expect(jobWatchTransition(observed("streaming"), { type: "deadlineDue" }, env({ job }))).toEqual([
      observed("polling"),
      [{ type: "abort" }, { type: "request" }],
    ]);
    // Past the deadline, polling stops.
    expect(
      jobWatchTransition(observed("polling"), { type: "settled", ok: true }, env({ job, now: T0 + 90_000 }))[1],
    ).toEqual([{ type: "timer", delay: null, due: "poll" }]);
  });

  it("the last observer leaving stops everything; a re-watch starts the clock again", () => {
    const [idle, effects] = jobWatchTransition(observed("streaming"), { type: "leave" }, env());
    expect(idle).toMatchObject({ type: "idle", observers: 0 });
    expect(effects).toEqual([{ type: "timer", delay: null, due: "poll" }, { type: "cancelReopen" }, { type: "abort" }]);
    const [again, rewatchEffects] = jobWatchTransition(
      observed("polling", { failures: 3 }),
      { type: "rewatch" },
      env({ now: T0 + 5_000 }),
    );
    expect(again).toMatchObject({ type: "streaming", rewatchedAt: T0 + 5_000, failures: 0 });
    expect(rewatchEffects.slice(0, 3)).toEqual([{ type: "request" }, { type: "cancelReopen" }, { type: "open" }]);
  });
});

describe("createJobWatch on its own store (no React, no TanStack Query)", () => {
  afterEach(() => void vi.useRealTimers());

  /** A client whose job runs `runMs`, and whose proxy offers no stream. */
  function fakeClient(runMs: number, end: StreamEnd = "unsupported") {
    const getJob = vi.fn(async (jobId: string): Promise<KlingJob> =>
      Date.now() - T0 >= runMs
        ? { jobId, status: "completed", output: { video: "https://cdn.test/out.mp4" } }
        : { jobId, status: "processing" },
    );
    const streamJob = vi.fn(async () => end);
    return {
      client: {
        proxyUrl: "/api/kling",
        getJob,
        streamJob,
        submitEdit: vi.fn(),
        rememberClaim: vi.fn(),
      } as unknown as KlingJobClient,
      getJob,
      streamJob,
    };
  }

  it("polls a job without a stream on the schedule to its result, telling subscribers", async () => {
    vi.useFakeTimers({ now: T0 });
    const { client, getJob } = fakeClient(30_000);
    const watch = createJobWatch({ client, jobId: "job_1", startedAt: T0 });
    const seen: string[] = [];
    watch.subscribe(() => seen.push(watch.getSnapshot().status));
    const leave = watch.observe();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(watch.getSnapshot()).toMatchObject({ status: "completed", videoUrl: "https://cdn.test/out.mp4" });
    // 0 s (first status), 2 s, then every 5 s: completion noticed at 32 s.
    expect(getJob).toHaveBeenCalledTimes(8);
    expect(seen.at(-1)).toBe("completed");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(getJob).toHaveBeenCalledTimes(8);
    leave();
  });

  it("ends on the deadline with a timeout error, and a re-watch asks again", async () => {
    vi.useFakeTimers({ now: T0 });
    const { client, getJob } = fakeClient(Infinity);
    const watch = createJobWatch({ client, jobId: "job_1", startedAt: T0, polling: { maxWaitMs: 60_000 } });
    const leave = watch.observe();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(watch.getSnapshot()).toMatchObject({ status: "expired", error: { code: "timeout" } });
    const calls = getJob.mock.calls.length;
    watch.rewatch();
    await vi.advanceTimersByTimeAsync(1);
    expect(getJob.mock.calls.length).toBe(calls + 1);
    expect(watch.getSnapshot().status).toBe("processing");
    leave();
  });

  it("a stream's first event is the first status: no status request beside it", async () => {
    vi.useFakeTimers({ now: T0 });
    const { client, getJob, streamJob } = fakeClient(Infinity);
    streamJob.mockImplementation((async (_id: string, { onJob }: { onJob: (job: KlingJob, id: string) => void }) => {
      onJob({ jobId: "job_1", status: "processing" }, "1");
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      onJob({ jobId: "job_1", status: "completed", output: { video: "https://cdn.test/out.mp4" } }, "2");
      return "ended";
    }) as never);
    const kept: unknown[] = [];
    const watch = createJobWatch({
      client,
      jobId: "job_1",
      seen: { read: () => undefined, write: (seen) => kept.push(seen) },
    });
    const leave = watch.observe({ remember: true });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(watch.getSnapshot()).toMatchObject({ state: "streaming", status: "processing" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(watch.getSnapshot()).toMatchObject({ state: "ended", status: "completed" });
    expect(getJob).not.toHaveBeenCalled();
    expect(kept).toHaveLength(2);
    leave();
  });
});
