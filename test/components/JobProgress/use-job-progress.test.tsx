import { render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { JobProgress, KlingError, useJobProgress, useKlingJob, type JobProgressSource } from "../../../src";
import { advance, installFakeClock, PROXY_URL, setupFakeKling, validInput, wrapper } from "../../support/kling";

const state = (source: JobProgressSource, options = {}) =>
  renderHook(() => useJobProgress(source, options)).result.current;

describe("useJobProgress: what JobProgress shows, as data", () => {
  it("tells the status, the error, the hints and the live-region text", () => {
    const progress = state({
      status: "failed",
      error: new KlingError("upstream_error", { status: 502, maybeCharged: true }),
    });
    expect(progress.statusText).toBe("The edit did not finish.");
    expect(progress.errorText).toBe("The video service had a problem.");
    expect(progress.hints).toEqual([expect.stringContaining("may have started, and been charged")]);
    expect(progress.announcement).toBe(`${progress.statusText} ${progress.errorText} ${progress.hints[0]}`);
    expect(progress.running).toBe(false);
    expect(progress.progress).toBeUndefined();
  });

  it("offers the actions that the core's rules allow, each with its label and handler", () => {
    const onRetry = vi.fn();
    const onReset = vi.fn();
    const rewatch = vi.fn();
    const names = (error: KlingError, status: JobProgressSource["status"] = "failed") =>
      state({ status, error, rewatch }, { onRetry, onReset }).actions.map((action) => action.name);
    expect(names(new KlingError("job_failed", { jobId: "j" }))).toEqual(["retry", "reset"]);
    // An accepted job whose watch failed: look again for free, never a new paid submit.
    expect(names(new KlingError("internal_error", { jobId: "j" }))).toEqual(["rewatch", "reset"]);
    expect(names(new KlingError("upstream_error", { maybeCharged: true }))).toEqual(["reset"]);
    expect(names(new KlingError("quota_exceeded", { status: 429 }))).toEqual(["reset"]);
    const [rewatchAction] = state({
      status: "expired",
      error: new KlingError("timeout", { jobId: "j" }),
      rewatch,
    }).actions;
    rewatchAction!.run();
    expect(rewatch).toHaveBeenCalledTimes(1);
    expect(rewatchAction).toMatchObject({ label: "Check again", primary: true });
  });

  it("gives credits and the result with its expiry", () => {
    const progress = state({
      status: "completed",
      job: {
        jobId: "j",
        status: "completed",
        creditCost: 40,
        creditsRemaining: 960,
        output: { video: "https://cdn.example.com/out.mp4" },
      },
    });
    expect(progress.facts).toEqual({
      elapsed: undefined,
      charged: "Credits charged: 40",
      remaining: "Credits remaining: 960",
    });
    expect(progress.result).toEqual({ videoUrl: "https://cdn.example.com/out.mp4", expiry: undefined, urgent: false });
  });
});

describe("quota_exceeded: the app's spend limit for this user", () => {
  const quota = (retryAfterMs?: number) => new KlingError("quota_exceeded", { status: 429, retryAfterMs });

  it.each([
    [undefined, "You have used up your edits for now."],
    [45_000, "You have used up your edits for now; more in 45 s."],
    [20 * 60_000, "You have used up your edits for now; more in 20 min."],
    [2.5 * 3_600_000, "You have used up your edits for now; more in 3 h."],
  ])("after %s ms: %s", (retryAfterMs, text) => {
    render(<JobProgress status="failed" error={quota(retryAfterMs)} onRetry={vi.fn()} onReset={vi.fn()} />);
    expect(screen.getByRole("status").textContent).toBe(`The edit did not finish.${text}`);
    // Sending the same edit again cannot help until the limit frees up: no "Try again".
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.getByRole("button", { name: "Start over" })).toBeTruthy();
  });

  it("is translated through labels", () => {
    render(
      <JobProgress
        status="failed"
        error={quota(90_000)}
        labels={{ quotaExceeded: (ms) => `Kontingent erschöpft (${ms} ms).` }}
      />,
    );
    expect(screen.getByText("Kontingent erschöpft (90000 ms).")).toBeTruthy();
  });
});

describe("useJobProgress(useKlingJob(jobId)): a job watched by id", () => {
  const kling = setupFakeKling({
    queueMs: 1_000,
    processingMs: 5_000,
    outputVideoUrl: "https://cdn.example.com/edited.mp4",
  });

  it("follows the job to its result", async () => {
    installFakeClock();
    kling.use();
    // Submitted by the signed-in user through the proxy (say, by another tab): theirs to watch.
    const answer = await kling.proxy.fetch(`${PROXY_URL}/models/kling-video-edit/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validInput),
    });
    const { jobId } = (await answer.json()) as { jobId: string };
    const submittedAt = Date.now();
    const { result } = renderHook(() => useJobProgress(useKlingJob(jobId, { submittedAt })), { wrapper: wrapper() });
    expect(result.current.running).toBe(true);
    // The job ends at 6 s; the watch notices within its 5 s interval.
    await advance(12_000);
    expect(result.current.status).toBe("completed");
    expect(result.current.result?.videoUrl).toBe("https://cdn.example.com/edited.mp4");
    expect(result.current.facts.charged).toBe("Credits charged: 40");
  });
});
