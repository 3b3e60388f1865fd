import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { KlingProvider, VideoEditForm } from "../../../src";

const input = { prompt: "Make it snow", video_url: "https://cdn.example.com/a.mp4", video_duration: 12 };

describe("VideoEditForm limits", () => {
  it("validates with the KlingProvider's limits, like the hook under it", () => {
    const onSubmit = vi.fn();
    render(
      <KlingProvider proxyUrl="/api/kling" limits={{ maxDurationSeconds: 15 }}>
        <VideoEditForm onSubmit={onSubmit} defaultValues={input} />
      </KlingProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ video_duration: 12 }));
  });

  it("uses the published limits without a provider, and its own prop first", () => {
    const onSubmit = vi.fn();
    const { unmount } = render(<VideoEditForm onSubmit={onSubmit} defaultValues={input} />);
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    expect(onSubmit).not.toHaveBeenCalled();
    unmount();
    render(
      <KlingProvider proxyUrl="/api/kling" limits={{ maxDurationSeconds: 15 }}>
        <VideoEditForm onSubmit={onSubmit} defaultValues={input} limits={{ maxDurationSeconds: 10 }} />
      </KlingProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
