import { afterEach, describe, expect, it, vi } from "vitest";
import { createEditSession } from "../../src/core/edit-session";
import { editSessionTransition, editStatus, type EditSessionState } from "../../src/core/edit-session-machine";
import { KlingError } from "../../src/core/errors";
import type { PersistedEdit } from "../../src/core/storage";
import { createFakeKling, createFakeProxy } from "../../src/testing/index";

const input = { prompt: "Make it snow", video_url: "https://cdn.example.com/source.mp4", video_duration: 5 };
const edit: PersistedEdit = { jobId: "job_1", input, submittedAt: 1 };

describe("editSessionTransition", () => {
  it("submit, accepted: watching; a reset meanwhile keeps the accepted job out", () => {
    const submitting = editSessionTransition({ type: "idle" }, { type: "submit", input, run: 1 });
    expect(submitting).toEqual({ type: "submitting", input, run: 1 });
    expect(editSessionTransition(submitting, { type: "accepted", run: 1, edit })).toEqual({ type: "watching", edit });
    const reset = editSessionTransition(submitting, { type: "reset" });
    expect(editSessionTransition(reset, { type: "accepted", run: 1, edit })).toBe(reset);
  });

  it("a refusal is shown as failed, or idle for the proxy's own invalid_input", () => {
    const submitting: EditSessionState = { type: "submitting", input, run: 2 };
    const refused = editSessionTransition(submitting, {
      type: "refused",
      run: 2,
      error: new KlingError("upstream_error"),
    });
    expect(editStatus(refused, undefined).status).toBe("failed");
    const invalid = editSessionTransition(submitting, {
      type: "refused",
      run: 2,
      error: new KlingError("invalid_input"),
    });
    expect(editStatus(invalid, undefined).status).toBe("idle");
  });

  it("a saved edit is adopted only where nothing is under way", () => {
    expect(editSessionTransition({ type: "idle" }, { type: "resume", edit })).toEqual({ type: "watching", edit });
    const submitting: EditSessionState = { type: "submitting", input, run: 1 };
    expect(editSessionTransition(submitting, { type: "resume", edit })).toBe(submitting);
  });

  it("watching: the job's watch says the status", () => {
    expect(editStatus({ type: "watching", edit }, { status: "processing" })).toEqual({ status: "processing" });
    expect(editStatus({ type: "watching", edit }, undefined).status).toBe("pending");
  });
});

describe("createEditSession against the simulated backend", () => {
  afterEach(() => {
    vi.useRealTimers();
    sessionStorage.clear();
  });

  function setup() {
    vi.useFakeTimers({ now: Date.now() });
    const proxy = createFakeProxy(
      createFakeKling({ queueMs: 2_000, processingMs: 8_000, outputVideoUrl: "https://cdn.example.com/out.mp4" }),
    );
    return proxy;
  }

  it("one POST for two submits in a row, then the result", async () => {
    const proxy = setup();
    const session = createEditSession({ proxyUrl: "/api/kling", fetch: proxy.fetch, persist: false });
    const statuses: string[] = [];
    session.subscribe(() => statuses.push(session.getSnapshot().status));
    const [first, second] = await Promise.all([session.submit(input), session.submit(input)]);
    expect(first?.jobId).toBeTruthy();
    expect(second).toBeUndefined();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(session.getSnapshot()).toMatchObject({
      status: "completed",
      videoUrl: "https://cdn.example.com/out.mp4",
      isBusy: false,
      jobId: first!.jobId,
    });
    expect(proxy.requests.filter((request) => request.method === "POST")).toHaveLength(1);
    expect(statuses[0]).toBe("submitting");
  });

  it("an invalid input sends nothing and is shown as idle with the field errors", async () => {
    const proxy = setup();
    const session = createEditSession({ proxyUrl: "/api/kling", fetch: proxy.fetch, persist: false });
    expect(await session.submit({ ...input, prompt: "" })).toBeUndefined();
    expect(session.getSnapshot()).toMatchObject({ state: "invalid", status: "idle", error: { code: "invalid_input" } });
    expect(proxy.requests).toHaveLength(0);
  });

  it("persist: a new session (a reload) resumes the paid job; reset forgets it", async () => {
    const proxy = setup();
    const first = createEditSession({ proxyUrl: "/api/kling", fetch: proxy.fetch });
    const job = await first.submit(input);
    first.reset();
    expect(sessionStorage.length).toBe(0);
    const again = await first.submit(input);
    expect(again?.jobId).not.toBe(job?.jobId);
    const reloaded = createEditSession({ proxyUrl: "/api/kling", fetch: proxy.fetch });
    expect(reloaded.getSnapshot()).toMatchObject({ state: "watching", jobId: again!.jobId });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reloaded.getSnapshot().status).toBe("completed");
    expect(proxy.requests.filter((request) => request.method === "POST")).toHaveLength(2);
    reloaded.reset();
    first.reset();
  });
});
