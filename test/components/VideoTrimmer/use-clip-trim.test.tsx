import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useClipTrim, type ClipTrimRange, type UseClipTrimOptions } from "../../../src";
import { stubMediaPlayback } from "../VideoCompare/media";
import { loadVideoMetadata } from "../../support/components";

/** A trimmer built from the hook's prop getters and plain elements, as a design system would. */
function Headless(options: UseClipTrimOptions) {
  const trim = useClipTrim(options);
  return (
    <div {...trim.getRootProps({ "data-testid": "root" } as object)}>
      <video {...trim.getPreviewProps()} />
      <button {...trim.getPlayProps()}>{trim.playing ? "Pause" : "Play"}</button>
      <div {...trim.getTrackProps({ "data-testid": "track" } as object)}>
        <div {...trim.getWindowProps()} />
        <div {...trim.getHandleProps("start")} />
        <div {...trim.getHandleProps("end")} />
      </div>
      <output data-testid="range">{`${trim.range.start}-${trim.range.end}`}</output>
    </div>
  );
}

const clip = (durationSeconds: number) => ({ durationSeconds });
const slider = (name: string) => screen.getByRole("slider", { name });
const start = () => slider("Start");
const end = () => slider("End");
const selection = () => slider("Selection");
const shown = () => screen.getByTestId("range").textContent;
const key = (element: HTMLElement, name: string) => fireEvent.keyDown(element, { key: name });

// jsdom has no layout and no pointer capture: the strip is 300 px wide, so a 30 s clip is 10 px a second.
let capture: ReturnType<typeof vi.fn>;
beforeEach(() => {
  stubMediaPlayback();
  capture = vi.fn();
  Object.defineProperty(Element.prototype, "setPointerCapture", { value: capture, configurable: true });
  vi.spyOn(Element.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 300, 40));
});

describe("useClipTrim: the window and the limits", () => {
  it("opens a clip longer than the limit with the longest window from its start", () => {
    render(<Headless info={clip(30)} />);
    expect(shown()).toBe("0-10");
    expect(start().getAttribute("aria-valuetext")).toBe("Start 0:00.0");
    expect(end().getAttribute("aria-valuetext")).toBe("End 0:10.0 (10 s selected)");
    expect(selection().getAttribute("aria-valuetext")).toBe("0:00.0 to 0:10.0");
    expect(screen.getByTestId("root").getAttribute("data-state")).toBe("ready");
    expect(screen.getByTestId("root").style.getPropertyValue("--kling-trim-end")).toMatch(/^33\.33/);
  });

  it("opens a clip that fits whole, and follows the limits it is given", () => {
    const { unmount } = render(<Headless info={clip(6)} />);
    expect(shown()).toBe("0-6");
    unmount();
    render(<Headless info={clip(30)} limits={{ minDurationSeconds: 3, maxDurationSeconds: 15 }} />);
    expect(shown()).toBe("0-15");
  });

  it("says when no accepted window fits in the clip", () => {
    render(<Headless info={clip(2)} />);
    expect(screen.getByTestId("root").getAttribute("data-state")).toBe("too-short");
    expect(shown()).toBe("0-2");
  });

  it("waits for the clip's length, read from the preview when no info is given", () => {
    const { container } = render(<Headless file={new Blob(["x"], { type: "video/mp4" })} />);
    expect(screen.getByTestId("root").getAttribute("data-state")).toBe("loading");
    expect(start().getAttribute("tabindex")).toBe("-1");
    act(() => loadVideoMetadata(container.querySelector("video")!, { duration: 12 }));
    expect(screen.getByTestId("root").getAttribute("data-state")).toBe("ready");
    expect(shown()).toBe("0-10");
  });
});

describe("useClipTrim: keyboard", () => {
  it("steps the start by arrows and pages, and keeps the length within 3 to 10 s", () => {
    render(<Headless info={clip(30)} />);
    key(start(), "ArrowRight");
    expect(shown()).toBe("0.1-10");
    key(start(), "PageUp");
    expect(shown()).toBe("1.1-10");
    key(start(), "ArrowLeft");
    key(start(), "ArrowDown");
    expect(shown()).toBe("0.9-10");
    // End: as late as the shortest window allows (3 s).
    key(start(), "End");
    expect(shown()).toBe("7-10");
    expect(start().getAttribute("aria-valuetext")).toBe("Start 0:07.0");
    expect(end().getAttribute("aria-valuetext")).toBe("End 0:10.0 (3 s selected)");
    key(start(), "ArrowRight");
    expect(shown()).toBe("7-10");
    key(start(), "Home");
    expect(shown()).toBe("0-10");
  });

  it("moves the end no further than the longest window, and no nearer than the shortest", () => {
    render(<Headless info={clip(30)} />);
    key(end(), "ArrowRight");
    expect(shown()).toBe("0-10");
    key(end(), "PageDown");
    expect(shown()).toBe("0-9");
    key(end(), "Home");
    expect(shown()).toBe("0-3");
    expect(end().getAttribute("aria-valuemin")).toBe("3");
    expect(end().getAttribute("aria-valuemax")).toBe("10");
    key(end(), "End");
    expect(shown()).toBe("0-10");
  });

  it("moves the whole window with its own slider, the length kept, inside the clip", () => {
    render(<Headless info={clip(30)} />);
    key(selection(), "PageUp");
    expect(shown()).toBe("1-11");
    key(selection(), "End");
    expect(shown()).toBe("20-30");
    expect(selection().getAttribute("aria-valuetext")).toBe("0:20.0 to 0:30.0");
    key(selection(), "ArrowRight");
    expect(shown()).toBe("20-30");
    key(selection(), "Home");
    expect(shown()).toBe("0-10");
  });

  it("reports every change and commit, controlled or not", () => {
    const onValueChange = vi.fn();
    const onValueCommit = vi.fn();
    render(<Headless info={clip(30)} onValueChange={onValueChange} onValueCommit={onValueCommit} />);
    key(start(), "PageUp");
    expect(onValueChange).toHaveBeenLastCalledWith({ start: 1, end: 10 });
    expect(onValueCommit).toHaveBeenLastCalledWith({ start: 1, end: 10 });

    function Controlled() {
      const [value, setValue] = useState<ClipTrimRange>({ start: 5, end: 12 });
      return (
        <>
          <Headless info={clip(30)} value={value} onValueChange={setValue} />
          <button type="button" onClick={() => setValue({ start: 25, end: 40 })}>
            late
          </button>
        </>
      );
    }
    render(<Controlled />);
    const [, second] = screen.getAllByTestId("range");
    expect(second!.textContent).toBe("5-12");
    fireEvent.keyDown(screen.getAllByRole("slider", { name: "End" })[1]!, { key: "End" });
    expect(second!.textContent).toBe("5-15");
    // A value beyond the clip is fitted into it.
    fireEvent.click(screen.getByRole("button", { name: "late" }));
    expect(second!.textContent).toBe("20-30");
  });

  it("does nothing while disabled", () => {
    render(<Headless info={clip(30)} disabled />);
    key(start(), "PageUp");
    expect(shown()).toBe("0-10");
    expect(start().getAttribute("aria-disabled")).toBe("true");
  });
});

describe("useClipTrim: pointer and touch", () => {
  const mouse = { pointerId: 1, pointerType: "mouse", isPrimary: true, button: 0 };
  const touch = { pointerId: 9, pointerType: "touch", isPrimary: true, button: 0 };

  it("drags an edge by its handle, bounded by the limits, and commits once at the end", () => {
    const onValueCommit = vi.fn();
    render(<Headless info={clip(30)} onValueCommit={onValueCommit} />);
    const track = screen.getByTestId("track");
    fireEvent.pointerDown(end(), { ...mouse, clientX: 100 });
    expect(capture).toHaveBeenCalledWith(1);
    expect(screen.getByTestId("root").getAttribute("data-dragging")).toBe("end");
    expect(document.activeElement).toBe(end());
    fireEvent.pointerMove(track, { ...mouse, clientX: 60 });
    expect(shown()).toBe("0-6");
    // Not shorter than 3 s, not longer than 10 s.
    fireEvent.pointerMove(track, { ...mouse, clientX: 5 });
    expect(shown()).toBe("0-3");
    fireEvent.pointerMove(track, { ...mouse, clientX: 250 });
    expect(shown()).toBe("0-10");
    fireEvent.pointerMove(track, { ...mouse, clientX: 80 });
    expect(onValueCommit).not.toHaveBeenCalled();
    fireEvent.pointerUp(track, mouse);
    expect(onValueCommit).toHaveBeenCalledTimes(1);
    expect(onValueCommit).toHaveBeenCalledWith({ start: 0, end: 8 });
    expect(screen.getByTestId("root").hasAttribute("data-dragging")).toBe(false);
  });

  it("drags the whole window by a finger on its body; another finger does nothing", () => {
    render(<Headless info={clip(30)} />);
    const track = screen.getByTestId("track");
    fireEvent.pointerDown(selection(), { ...touch, clientX: 50 });
    fireEvent.pointerMove(track, { ...touch, clientX: 120 });
    expect(shown()).toBe("7-17");
    fireEvent.pointerMove(track, { ...touch, pointerId: 10, clientX: 0 });
    expect(shown()).toBe("7-17");
    fireEvent.pointerMove(track, { ...touch, clientX: 400 });
    expect(shown()).toBe("20-30");
    fireEvent.pointerCancel(track, touch);
    fireEvent.pointerMove(track, { ...touch, clientX: 0 });
    expect(shown()).toBe("20-30");
  });

  it("moves the nearer edge to a press on the strip beside the window", () => {
    render(<Headless info={clip(30)} />);
    const track = screen.getByTestId("track");
    fireEvent.pointerDown(track, { ...mouse, clientX: 70 });
    expect(shown()).toBe("0-7");
    fireEvent.pointerMove(track, { ...mouse, clientX: 90 });
    expect(shown()).toBe("0-9");
    fireEvent.pointerUp(track, mouse);
    expect(document.activeElement).toBe(end());
  });

  it("ignores a secondary button", () => {
    render(<Headless info={clip(30)} />);
    fireEvent.pointerDown(end(), { ...mouse, button: 2, clientX: 100 });
    fireEvent.pointerMove(screen.getByTestId("track"), { ...mouse, button: 2, clientX: 50 });
    expect(shown()).toBe("0-10");
  });
});

describe("useClipTrim: the preview", () => {
  beforeEach(() => {
    Object.defineProperty(URL, "createObjectURL", { value: vi.fn(() => "blob:clip"), configurable: true });
    Object.defineProperty(URL, "revokeObjectURL", { value: vi.fn(), configurable: true });
  });

  it("plays the file and loops over the window", async () => {
    const { container } = render(<Headless file={new Blob(["x"])} info={clip(30)} />);
    const video = container.querySelector("video")!;
    expect(video.getAttribute("src")).toBe("blob:clip");
    Object.defineProperty(video, "readyState", { configurable: true, value: 4 });
    key(selection(), "PageUp");
    expect(video.currentTime).toBe(1);
    fireEvent.click(screen.getByRole("button", { name: "Play" }));
    expect(screen.getByRole("button", { name: "Pause" })).toBeTruthy();
    video.currentTime = 11.02;
    fireEvent.timeUpdate(video);
    expect(video.currentTime).toBe(1);
    fireEvent.click(screen.getByRole("button", { name: "Pause" }));
    expect(screen.getByTestId("root").hasAttribute("data-playing")).toBe(false);
  });

  it("revokes the file's URL when it goes", () => {
    const { unmount } = render(<Headless file={new Blob(["x"])} info={clip(30)} />);
    unmount();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:clip");
  });
});

it("keeps its own state attributes beside a design system's data-state (a Radix Toggle writes on/off)", () => {
  function Themed() {
    const trim = useClipTrim({ info: clip(30) });
    return (
      <div {...trim.getRootProps({ "data-state": "open", "data-testid": "root" } as object)}>
        <button {...trim.getPlayProps({ "data-state": "off" } as object)}>Play</button>
      </div>
    );
  }
  render(<Themed />);
  expect(screen.getByTestId("root").dataset).toMatchObject({ state: "open", trim: "ready" });
  expect(screen.getByRole("button", { name: "Play" }).dataset).toMatchObject({ state: "off", playback: "paused" });
});
