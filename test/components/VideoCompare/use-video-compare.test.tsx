import { fireEvent, render, screen } from "@testing-library/react";
import { createRef, useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  useVideoCompare,
  VideoCompareDivider,
  VideoCompareHold,
  VideoComparePane,
  VideoComparePlay,
  VideoCompareRoot,
  VideoCompareStage,
  VideoCompareVideo,
  type UseVideoCompareOptions,
} from "../../../src";
import { stubMediaPlayback } from "./media";

beforeEach(() => void stubMediaPlayback());

/** A comparison built from the hook's prop getters and plain elements, as a design system would. */
function Headless(options: Partial<UseVideoCompareOptions>) {
  const compare = useVideoCompare({ before: "/a.mp4", after: "/b.mp4", ...options });
  return (
    <div {...compare.getRootProps({ className: "mine", "data-testid": "root" } as object)}>
      <div {...compare.getStageProps()} data-testid="stage">
        <div {...compare.getPaneProps("before")}>
          <video {...compare.getVideoProps("before")} />
        </div>
        <div {...compare.getPaneProps("after")}>
          <video {...compare.getVideoProps("after")} />
        </div>
        <div {...compare.getDividerProps()} />
      </div>
      <button {...compare.getPlayProps()}>{compare.playing ? "Pause" : "Play"}</button>
      <button type="button" onClick={() => compare.setMode(compare.mode === "slider" ? "toggle" : "slider")}>
        mode {compare.mode}
      </button>
      {compare.mode === "toggle" && <button {...compare.getHoldProps()}>Hold</button>}
      <output data-testid="state">{compare.state}</output>
    </div>
  );
}

const divider = () => screen.getByRole("slider", { name: "Comparison divider" });
const root = () => screen.getByTestId("root");

describe("useVideoCompare, headless", () => {
  it("gives the root its role, name, state attributes and position, merged with the app's props", () => {
    render(<Headless defaultPosition={30} />);
    expect(root().getAttribute("role")).toBe("group");
    expect(root().getAttribute("aria-label")).toBe("Video comparison");
    expect(root().className).toBe("mine");
    expect(root().dataset).toMatchObject({ mode: "slider", state: "loading", orientation: "horizontal" });
    expect(root().style.getPropertyValue("--kling-compare-position")).toBe("30%");
    expect(divider().getAttribute("aria-valuetext")).toBe("Original 30 % / Edited 70 %");
    expect([...document.querySelectorAll("video")].map((video) => video.getAttribute("src"))).toEqual([
      "/a.mp4",
      "/b.mp4",
    ]);
  });

  it("reports every move and commits at a gesture's end; a controlled position follows the prop", () => {
    const onPositionChange = vi.fn();
    const onPositionCommit = vi.fn();
    function Controlled() {
      const [position, setPosition] = useState(50);
      return (
        <>
          <Headless position={position} onPositionChange={onPositionChange} onPositionCommit={onPositionCommit} />
          <button type="button" onClick={() => setPosition(10)}>
            to 10
          </button>
        </>
      );
    }
    render(<Controlled />);
    fireEvent.keyDown(divider(), { key: "PageUp" });
    expect(onPositionChange).toHaveBeenLastCalledWith(60);
    expect(onPositionCommit).toHaveBeenLastCalledWith(60);
    fireEvent.click(screen.getByRole("button", { name: "to 10" }));
    expect(divider().getAttribute("aria-valuenow")).toBe("10");
    expect(root().style.getPropertyValue("--kling-compare-position")).toBe("10%");
    // A change of the prop is the app's own: it is not reported back.
    expect(onPositionChange).toHaveBeenCalledTimes(1);
  });

  it("lets the app's handler run first and keep the hook's from running with preventDefault", () => {
    const onKeyDown = vi.fn((event: { key: string; preventDefault(): void }) => {
      if (event.key === "Home") event.preventDefault();
    });
    function WithHandler() {
      const compare = useVideoCompare({ before: "/a.mp4", after: "/b.mp4" });
      return <div {...compare.getDividerProps({ onKeyDown })} />;
    }
    render(<WithHandler />);
    fireEvent.keyDown(divider(), { key: "Home" });
    expect(divider().getAttribute("aria-valuenow")).toBe("50");
    fireEvent.keyDown(divider(), { key: "End" });
    expect(onKeyDown).toHaveBeenCalledTimes(2);
    expect(divider().getAttribute("aria-valuenow")).toBe("100");
  });

  it("switches mode, holds to reveal, and plays both videos from the play getter", () => {
    render(<Headless />);
    fireEvent.click(screen.getByRole("button", { name: "mode slider" }));
    expect(root().dataset.mode).toBe("toggle");
    expect(screen.queryByRole("slider")).toBeNull();
    const hold = screen.getByRole("button", { name: "Hold" });
    fireEvent.keyDown(hold, { key: "Enter" });
    expect(root().hasAttribute("data-showing")).toBe(true);
    expect(hold.getAttribute("aria-pressed")).toBe("true");
    fireEvent.keyUp(hold, { key: "Enter" });
    expect(root().hasAttribute("data-showing")).toBe(false);

    const play = screen.getByRole("button", { name: "Play" });
    expect(play.dataset.state).toBe("paused");
    fireEvent.click(play);
    const [before, after] = document.querySelectorAll("video");
    expect(after!.paused).toBe(false);
    // The original follows the edited video.
    expect(before!.paused).toBe(false);
    expect(screen.getByRole("button", { name: "Pause" }).dataset.state).toBe("playing");
  });
});

describe("VideoCompare parts", () => {
  it("forward refs and spread native props, including a video's poster, crossOrigin and tracks", () => {
    const rootRef = createRef<HTMLDivElement>();
    const videoRef = createRef<HTMLVideoElement>();
    const dividerRef = createRef<HTMLDivElement>();
    const onPointerDown = vi.fn();
    render(
      <VideoCompareRoot
        ref={rootRef}
        before="/a.mp4"
        after="/b.mp4"
        data-testid="root"
        aria-describedby="help"
        id="cmp"
      >
        <VideoCompareStage onPointerDown={onPointerDown} data-testid="stage">
          <VideoComparePane side="before">
            <VideoCompareVideo side="before" />
          </VideoComparePane>
          <VideoComparePane side="after" title="edited side">
            <VideoCompareVideo ref={videoRef} side="after" poster="/poster.jpg" crossOrigin="anonymous">
              <track kind="captions" src="/captions.vtt" srcLang="en" label="English" />
            </VideoCompareVideo>
          </VideoComparePane>
          <VideoCompareDivider ref={dividerRef} data-testid="divider" />
        </VideoCompareStage>
        <VideoComparePlay className="my-play" />
        <VideoCompareHold />
      </VideoCompareRoot>,
    );
    expect(rootRef.current).toBe(root());
    expect(root().id).toBe("cmp");
    expect(root().getAttribute("aria-describedby")).toBe("help");
    expect(videoRef.current!.getAttribute("poster")).toBe("/poster.jpg");
    expect(videoRef.current!.crossOrigin).toBe("anonymous");
    expect(videoRef.current!.querySelector("track")!.getAttribute("src")).toBe("/captions.vtt");
    expect(videoRef.current!.getAttribute("src")).toBe("/b.mp4");
    expect(dividerRef.current).toBe(divider());
    expect(screen.getByTitle("edited side").dataset).toMatchObject({ side: "after", state: "loading" });
    expect(screen.getByRole("button", { name: "Play" }).className).toBe("my-play");
    // The app's handler on the stage runs, and the hook's drag still starts.
    const drag = { pointerId: 1, pointerType: "mouse", isPrimary: true, button: 0, clientX: 50, clientY: 0 };
    Object.defineProperty(Element.prototype, "setPointerCapture", { value: vi.fn(), configurable: true });
    vi.spyOn(Element.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 200, 100));
    fireEvent.pointerDown(screen.getByTestId("stage"), drag);
    expect(onPointerDown).toHaveBeenCalledTimes(1);
    expect(divider().getAttribute("aria-valuenow")).toBe("25");
  });

  it("need a VideoCompareRoot around them", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<VideoCompareDivider />)).toThrow(/inside a <VideoCompareRoot>/);
  });
});
