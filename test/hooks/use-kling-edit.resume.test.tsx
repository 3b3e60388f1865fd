import { act, renderHook } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { useKlingEdit } from "../../src";
import { advance, setupFakeKling, installFakeClock, validInput, wrapper } from "../support/kling";

// The polling path: this proxy offers no event stream (as a proxy in another language may not).
const kling = setupFakeKling({ queueMs: 3_000, processingMs: 30_000 }, { push: false });

describe("a reload resumes the edit", () => {
  it("keeps the job id in sessionStorage and watches it again after a remount with a fresh cache", async () => {
    installFakeClock();
    const fake = kling.use({ outputVideoUrl: "https://cdn.example.com/out.mp4" });
    const first = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => first.result.current.submit(validInput));
    const jobId = first.result.current.jobId!;
    expect(JSON.parse(sessionStorage.getItem("react-kling-edit:/api/kling")!)).toMatchObject({
      jobId,
      input: { prompt: "Make it snow" },
    });
    await advance(5_000);
    first.unmount();

    // The "reloaded page": a new QueryClient, nothing in memory.
    const onSubmitted = vi.fn();
    const second = renderHook(() => useKlingEdit({ onSubmitted }), {
      wrapper: wrapper({ queryClient: new QueryClient() }),
    });
    await advance(500);
    expect(second.result.current.jobId).toBe(jobId);
    expect(second.result.current.status).toBe("processing");
    expect(second.result.current.input).toMatchObject({ prompt: "Make it snow" });
    // Status answers do not repeat the credits: the submit's figures survive the reload.
    expect(second.result.current.job).toMatchObject({ creditCost: 40, creditsRemaining: 960 });
    await advance(35_000);
    expect(second.result.current.status).toBe("completed");
    expect(second.result.current.videoUrl).toBe("https://cdn.example.com/out.mp4");
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(onSubmitted).not.toHaveBeenCalled();
  });

  it("does nothing of the kind with persist: false", async () => {
    installFakeClock();
    kling.use();
    const { result } = renderHook(() => useKlingEdit({ persist: false }), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    expect(sessionStorage.length).toBe(0);
  });

  it("uses a custom key, and ignores unreadable saved data", async () => {
    installFakeClock();
    kling.use();
    sessionStorage.setItem("editor-a", "{not json");
    const { result } = renderHook(() => useKlingEdit({ persist: "editor-a" }), { wrapper: wrapper() });
    await advance(100);
    expect(result.current.status).toBe("idle");
    await act(() => result.current.submit(validInput));
    expect(JSON.parse(sessionStorage.getItem("editor-a")!).jobId).toBe(result.current.jobId);
  });

  it("still works when sessionStorage throws", async () => {
    installFakeClock();
    kling.use();
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    expect(result.current.status).toBe("pending");
  });

  it("reports the ending once: no second onCompleted after a reload", async () => {
    installFakeClock();
    kling.use({ processingMs: 5_000 });
    const onCompleted = vi.fn();
    const first = renderHook(() => useKlingEdit({ onCompleted }), { wrapper: wrapper() });
    await act(() => first.result.current.submit(validInput));
    await advance(15_000);
    expect(first.result.current.status).toBe("completed");
    first.unmount();
    const second = renderHook(() => useKlingEdit({ onCompleted }), {
      wrapper: wrapper({ queryClient: new QueryClient() }),
    });
    await advance(1_000);
    expect(second.result.current.status).toBe("completed");
    expect(onCompleted).toHaveBeenCalledTimes(1);
  });

  it("shows a result that expired while away as expired, not as lost", async () => {
    installFakeClock();
    kling.use({ processingMs: 5_000, resultTtlMs: 60_000 });
    const first = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => first.result.current.submit(validInput));
    await advance(15_000);
    first.unmount();
    await advance(60_000);
    const second = renderHook(() => useKlingEdit(), { wrapper: wrapper({ queryClient: new QueryClient() }) });
    await advance(1_000);
    expect(second.result.current.status).toBe("expired");
    expect(second.result.current.error?.code).toBe("expired");
  });
});
