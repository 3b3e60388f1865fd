// The trimmer in Chromium, on the shipped 30 s portrait sample: frames drawn from the file, the
// layout the custom properties give, real mouse drags of a handle and of the window, and the
// preview looping over the window as it plays.
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { inspectClip } from "../../../src/core/clip/index";
import { VideoTrimmer } from "../../../src/components/VideoTrimmer";
import "../../../src/styles/base.css";
import "../../../src/styles/trimmer.css";

afterEach(() => cleanup());

async function longClip() {
  const file = new File([await (await fetch("/samples/long-portrait.mp4")).arrayBuffer()], "long-portrait.mp4", {
    type: "video/mp4",
  });
  return { file, info: await inspectClip(file) };
}

/** The middle of `element`, in `within`'s coordinates (the pointer's `coords` are relative to its target). */
const middleOf = (element: Element, within: Element) => {
  const box = element.getBoundingClientRect();
  const origin = within.getBoundingClientRect();
  return { x: box.left - origin.left + box.width / 2, y: box.top - origin.top + box.height / 2 };
};

describe("VideoTrimmer in Chromium", () => {
  it(
    "draws the strip from the file and drags a handle and the window with the mouse",
    { timeout: 40_000 },
    async () => {
      const { file, info } = await longClip();
      const onValueCommit = vi.fn();
      const { container } = render(
        <div style={{ width: 480 }}>
          <VideoTrimmer file={file} info={info} onValueCommit={onValueCommit} />
        </div>,
      );
      const track = container.querySelector<HTMLElement>(".kling-trimmer__track")!;
      const end = container.querySelector<HTMLElement>('[data-edge="end"]')!;
      const windowPart = container.querySelector<HTMLElement>(".kling-trimmer__window")!;
      await expect
        .poll(() => container.querySelectorAll(".kling-trimmer__frame img").length, { timeout: 15_000 })
        .toBe(8);
      // The pictures are the clip's: drawn at its shape (portrait), decoded.
      const first = container.querySelector<HTMLImageElement>(".kling-trimmer__frame img")!;
      await expect.poll(() => first.naturalHeight).toBeGreaterThan(first.naturalWidth);

      const strip = track.getBoundingClientRect();
      // The window covers the first third of the strip; the end handle sits just after it.
      expect(windowPart.getBoundingClientRect().width).toBeCloseTo(strip.width / 3, 0);
      expect(end.getBoundingClientRect().left).toBeCloseTo(strip.left + strip.width / 3, 0);

      // The end handle, dragged left by a tenth of the strip: 3 s shorter.
      const grip = middleOf(end, track);
      await userEvent.pointer({ target: end, coords: middleOf(end, end), keys: "[MouseLeft>]" });
      expect(document.activeElement).toBe(end);
      await userEvent.pointer({ target: track, coords: { x: grip.x - strip.width / 20, y: grip.y } });
      await userEvent.pointer({ target: track, coords: { x: grip.x - strip.width / 10, y: grip.y } });
      expect(container.querySelector(".kling-trimmer")!.getAttribute("data-dragging")).toBe("end");
      await userEvent.pointer("[/MouseLeft]");
      const afterEdge = onValueCommit.mock.lastCall![0] as { start: number; end: number };
      expect(afterEdge.start).toBe(0);
      expect(afterEdge.end).toBeCloseTo(7, 0);
      expect(onValueCommit).toHaveBeenCalledTimes(1);

      // The window, dragged right by half the strip: 15 s later, the same length.
      const body = middleOf(windowPart, track);
      await userEvent.pointer({ target: windowPart, coords: middleOf(windowPart, windowPart), keys: "[MouseLeft>]" });
      await userEvent.pointer({ target: track, coords: { x: body.x + strip.width / 2, y: body.y } });
      await userEvent.pointer("[/MouseLeft]");
      const moved = onValueCommit.mock.lastCall![0] as { start: number; end: number };
      expect(moved.start).toBeCloseTo(15, 0);
      expect(moved.end - moved.start).toBeCloseTo(afterEdge.end - afterEdge.start, 5);
    },
  );

  it("plays the selection in a loop", { timeout: 40_000 }, async () => {
    const { file, info } = await longClip();
    const { container } = render(
      <VideoTrimmer file={file} info={info} defaultValue={{ start: 20, end: 23 }} preview />,
    );
    const video = container.querySelector<HTMLVideoElement>(".kling-trimmer__preview")!;
    video.muted = true;
    await expect.poll(() => video.readyState, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => Math.round(video.currentTime)).toBe(20);
    const seen: number[] = [];
    video.addEventListener("timeupdate", () => seen.push(video.currentTime));
    await userEvent.click(container.querySelector<HTMLButtonElement>(".kling-trimmer__play")!);
    // Past the end of the window, it starts again from its start.
    await expect.poll(() => seen.some((time, i) => i > 0 && time < seen[i - 1]! - 2), { timeout: 15_000 }).toBe(true);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(19.9);
    // It never plays on past the end (time updates come about four times a second; a loaded
    // machine may add a frame or two).
    expect(Math.max(...seen)).toBeLessThan(24);
    video.pause();
  });
});
