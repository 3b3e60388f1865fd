import { render, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useVideoMetadata } from "../../src";
import { failVideo, loadVideoMetadata } from "../support/components";

function Probe({ src, onLoaded, report }: { src?: string; onLoaded?: () => void; report: (state: unknown) => void }) {
  const { metadata, videoProps } = useVideoMetadata(src, { onLoaded });
  report(metadata);
  return src ? <video src={src} {...videoProps} /> : null;
}

describe("useVideoMetadata", () => {
  it("is idle without a URL and loading with one, before any event", () => {
    expect(renderHook(() => useVideoMetadata(undefined)).result.current.metadata).toEqual({ state: "idle" });
    expect(renderHook(() => useVideoMetadata("https://x.example/a.mp4")).result.current.metadata).toEqual({
      state: "loading",
    });
  });

  it("reads duration and size on loadedmetadata and calls onLoaded once", () => {
    const report = vi.fn();
    const onLoaded = vi.fn();
    const { container } = render(<Probe src="https://x.example/a.mp4" onLoaded={onLoaded} report={report} />);
    loadVideoMetadata(container.querySelector("video")!, { duration: 5.5, width: 1080, height: 1920 });
    const loaded = { state: "loaded", duration: 5.5, width: 1080, height: 1920 };
    expect(report).toHaveBeenLastCalledWith(loaded);
    expect(onLoaded).toHaveBeenCalledTimes(1);
    expect(onLoaded).toHaveBeenCalledWith(loaded);
  });

  it("maps MediaError codes to reasons and does not call onLoaded", () => {
    const report = vi.fn();
    const onLoaded = vi.fn();
    const { container } = render(<Probe src="https://x.example/a.mp4" onLoaded={onLoaded} report={report} />);
    const reasons = [1, 2, 3, 4].map((code) => {
      failVideo(container.querySelector("video")!, code);
      return (report.mock.lastCall![0] as { reason: string }).reason;
    });
    expect(reasons).toEqual(["aborted", "network", "decode", "unsupported"]);
    expect(onLoaded).not.toHaveBeenCalled();
  });

  it("does not report what it read of a previous URL", () => {
    const report = vi.fn();
    const { container, rerender } = render(<Probe src="https://x.example/a.mp4" report={report} />);
    loadVideoMetadata(container.querySelector("video")!, { duration: 5 });
    rerender(<Probe src="https://x.example/b.mp4" report={report} />);
    expect(report).toHaveBeenLastCalledWith({ state: "loading" });
  });
});
