import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useKlingEdit } from "../../src";
import { advance, setupFakeKling, installFakeClock, validInput, wrapper } from "../support/kling";

const kling = setupFakeKling({ queueMs: 3_000, processingMs: 30_000 });

describe("useKlingEdit lifecycle", () => {
  it("sends the exact body to the proxy path and runs to completed with the video URL", async () => {
    installFakeClock();
    const fake = kling.use({ outputVideoUrl: "https://cdn.example.com/edited.mp4", latencyMs: 100 });
    const onSubmitted = vi.fn();
    const onStatusChange = vi.fn();
    const onCompleted = vi.fn();
    const { result } = renderHook(() => useKlingEdit({ onSubmitted, onStatusChange, onCompleted }), {
      wrapper: wrapper(),
    });
    expect(result.current.status).toBe("idle");

    act(() => void result.current.submit({ ...validInput, image_urls: ["https://cdn.example.com/ref.png"] }));
    expect(result.current.status).toBe("submitting");
    expect(result.current.isBusy).toBe(true);
    await advance(150);
    expect(kling.proxy.requests[0]).toMatchObject({
      method: "POST",
      path: "/models/kling-video-edit/run",
      dropped: false,
    });
    expect(fake.requests[0]).toMatchObject({
      method: "POST",
      path: "/models/kling-video-edit/run",
      via: "upstream",
      body: {
        prompt: "Make it snow",
        video_url: "https://cdn.example.com/source.mp4",
        video_duration: 5,
        tier: "pro",
        keep_audio: true,
        image_urls: ["https://cdn.example.com/ref.png"],
      },
    });
    expect(result.current.status).toBe("pending");
    expect(onSubmitted).toHaveBeenCalledWith(
      expect.objectContaining({ jobId: result.current.jobId }),
      expect.anything(),
    );

    await advance(7_500);
    expect(result.current.status).toBe("processing");

    await advance(31_000);
    expect(result.current.status).toBe("completed");
    expect(result.current.videoUrl).toBe("https://cdn.example.com/edited.mp4");
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(onStatusChange.mock.calls.map(([s]) => s)).toEqual(["submitting", "pending", "processing", "completed"]);

    const polls = fake.requests.filter((r) => r.method === "GET").length;
    await advance(60_000);
    expect(fake.requests.filter((r) => r.method === "GET").length).toBe(polls);
  });
});
