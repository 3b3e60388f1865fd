import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useCompareTime, useVideoCompare } from "../../../src";
import { stubMediaPlayback } from "./media";

beforeEach(() => void stubMediaPlayback());

/** jsdom videos have no media: a time and a length the test sets. */
function fakeTime(video: HTMLVideoElement, currentTime: number, duration = 8) {
  Object.defineProperty(video, "currentTime", { value: currentTime, configurable: true, writable: true });
  Object.defineProperty(video, "duration", { value: duration, configurable: true });
}

describe("useCompareTime", () => {
  it("reads the edited video's time, rounded to 1 / fps, rendering only when that changes, and seeks", () => {
    let renders = 0;
    function Bar() {
      const compare = useVideoCompare({ before: "/a.mp4", after: "/b.mp4" });
      const { currentTime, duration, seek } = useCompareTime(compare, { fps: 2 });
      renders++;
      return (
        <>
          <video {...compare.getVideoProps("after")} data-testid="after" />
          <output data-testid="time">{`${currentTime}/${duration}`}</output>
          <button type="button" onClick={() => seek(3)}>
            to 3
          </button>
        </>
      );
    }
    render(<Bar />);
    const video = screen.getByTestId<HTMLVideoElement>("after");
    fakeTime(video, 1.1);
    act(() => void video.dispatchEvent(new Event("durationchange")));
    expect(screen.getByTestId("time").textContent).toBe("1/8");
    const counted = renders;
    fakeTime(video, 1.2);
    act(() => void video.dispatchEvent(new Event("timeupdate")));
    // 1.2 rounds to 1 at 2 readings a second: nothing to render.
    expect(renders).toBe(counted);
    fakeTime(video, 1.3);
    act(() => void video.dispatchEvent(new Event("timeupdate")));
    expect(screen.getByTestId("time").textContent).toBe("1.5/8");
    fireEvent.click(screen.getByRole("button", { name: "to 3" }));
    expect(video.currentTime).toBe(3);
  });

  it("reads between time updates at the chosen rate while the time moves, and stops when it stands still", () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, "requestAnimationFrame").mockImplementation((callback) => frames.push(callback));
    vi.spyOn(window, "cancelAnimationFrame").mockImplementation(() => undefined);
    function Bar() {
      const compare = useVideoCompare({ before: "/a.mp4", after: "/b.mp4" });
      const { currentTime } = useCompareTime(compare, { fps: 10 });
      return (
        <>
          <video {...compare.getVideoProps("after")} data-testid="after" />
          <output data-testid="time">{currentTime}</output>
        </>
      );
    }
    render(<Bar />);
    const video = screen.getByTestId<HTMLVideoElement>("after");
    fakeTime(video, 0);
    act(() => void video.dispatchEvent(new Event("timeupdate")));
    const frame = (at: number, time: number) => {
      fakeTime(video, time);
      act(() => frames.shift()!(at));
    };
    frame(50, 0.05); // within the first 100 ms: no reading yet
    expect(screen.getByTestId("time").textContent).toBe("0");
    frame(120, 0.12);
    expect(screen.getByTestId("time").textContent).toBe("0.1");
    frame(230, 0.23);
    expect(screen.getByTestId("time").textContent).toBe("0.2");
    // Paused: the time stands still and the loop ends.
    frame(300, 0.23);
    expect(frames).toHaveLength(0);
  });
});
