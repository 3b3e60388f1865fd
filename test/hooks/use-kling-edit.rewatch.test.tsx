import { act, renderHook } from "@testing-library/react";
import { http } from "msw";
import { describe, expect, it } from "vitest";
import { useKlingEdit, useKlingJob } from "../../src";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../support/kling";

const kling = setupFakeKling({
  queueMs: 1_000,
  processingMs: 90_000,
  outputVideoUrl: "https://cdn.example.com/late.mp4",
});

describe("rewatch after the watch deadline", () => {
  it("watches the same job again, without a new submit, and sees it complete", async () => {
    installFakeClock();
    const fake = kling.use();
    const { result } = renderHook(() => useKlingEdit({ persist: false }), {
      wrapper: wrapper({ polling: { maxWaitMs: 60_000 } }),
    });
    await act(() => result.current.submit(validInput));
    await advance(62_000);
    expect(result.current.status).toBe("expired");
    expect(result.current.error?.code).toBe("timeout");
    const jobId = result.current.jobId;

    act(() => result.current.rewatch());
    await advance(40_000);
    expect(result.current).toMatchObject({ status: "completed", jobId, videoUrl: "https://cdn.example.com/late.mp4" });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("keeps the credits the submit reported while status answers omit them", async () => {
    installFakeClock();
    kling.use({ credits: 500 });
    const { result } = renderHook(() => useKlingEdit({ persist: false }), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    expect(result.current.job).toMatchObject({ creditCost: 40, creditsRemaining: 460 });
    kling.server.use(
      http.get("*/api/kling/jobs/:id", ({ params }) => Response.json({ jobId: params.id, status: "processing" })),
    );
    await advance(8_000);
    expect(result.current.job).toMatchObject({ status: "processing", creditCost: 40, creditsRemaining: 460 });
  });

  it("is not undone when another component starts watching the same job", async () => {
    installFakeClock();
    kling.use();
    const { result, rerender } = renderHook(
      ({ second }: { second: boolean }) => {
        const edit = useKlingEdit({ persist: false });
        const other = useKlingJob(second ? edit.jobId : undefined, { submittedAt: edit.submittedAt });
        return { edit, other };
      },
      { wrapper: wrapper({ polling: { maxWaitMs: 60_000 } }), initialProps: { second: false } },
    );
    await act(() => result.current.edit.submit(validInput));
    await advance(62_000);
    expect(result.current.edit.status).toBe("expired");
    act(() => result.current.edit.rewatch());
    await advance(5_000);
    rerender({ second: true });
    await advance(5_000);
    expect(result.current.edit.status).toBe("processing");
    expect(result.current.other.status).toBe("processing");
  });
});
