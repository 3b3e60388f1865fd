import { fireEvent, render, screen } from "@testing-library/react";
import { Profiler } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  roundPosition,
  useVideoCompareContext as useCompare,
  VideoCompare,
  VideoCompareDivider,
  VideoCompareRoot,
  VideoCompareStage,
  type UseVideoCompareOptions,
} from "../../../src";
import { stubMediaPlayback } from "./media";

const urls = { before: "/a.mp4", after: "/b.mp4" };
const slider = () => screen.getByRole("slider", { name: "Comparison divider" });
const pointer = { pointerId: 1, pointerType: "mouse", isPrimary: true, button: 0, clientY: 10 };

function Stage(options: Partial<UseVideoCompareOptions>) {
  return (
    <VideoCompareRoot {...urls} {...options}>
      <VideoCompareStage data-testid="stage">
        <VideoCompareDivider />
      </VideoCompareStage>
    </VideoCompareRoot>
  );
}

beforeEach(() => {
  stubMediaPlayback();
  Object.defineProperty(Element.prototype, "setPointerCapture", { value: vi.fn(), configurable: true });
  vi.spyOn(Element.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 300, 100));
});

describe("the divider's position", () => {
  it("is rounded to the step: no float tails from a drag", () => {
    const onPositionChange = vi.fn();
    render(<Stage onPositionChange={onPositionChange} />);
    // 217 / 300 = 72.333…%
    fireEvent.pointerDown(screen.getByTestId("stage"), { ...pointer, clientX: 217 });
    expect(onPositionChange).toHaveBeenLastCalledWith(72.3);
    expect(roundPosition(72.00000364388993)).toBe(72);
    expect(roundPosition(72.15, 0.5)).toBe(72);
    expect(roundPosition(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundPosition(140)).toBe(100);
  });

  it("takes a coarser step, and keys still move by at least one step", () => {
    const onPositionChange = vi.fn();
    render(<Stage step={5} onPositionChange={onPositionChange} />);
    fireEvent.pointerDown(screen.getByTestId("stage"), { ...pointer, clientX: 217 });
    expect(onPositionChange).toHaveBeenLastCalledWith(70);
    fireEvent.keyDown(slider(), { key: "ArrowRight" });
    expect(onPositionChange).toHaveBeenLastCalledWith(75);
  });
});

describe('dir="rtl"', () => {
  it("mirrors the pointer and the arrow keys, and marks the root", () => {
    const onPositionChange = vi.fn();
    const { container } = render(<Stage dir="rtl" onPositionChange={onPositionChange} />);
    expect(container.firstElementChild!.getAttribute("dir")).toBe("rtl");
    // 60 px from the left of 300 is 80 % from the right, where the original starts.
    fireEvent.pointerDown(screen.getByTestId("stage"), { ...pointer, clientX: 60 });
    expect(onPositionChange).toHaveBeenLastCalledWith(80);
    fireEvent.keyDown(slider(), { key: "ArrowRight" });
    expect(onPositionChange).toHaveBeenLastCalledWith(79);
    fireEvent.keyDown(slider(), { key: "ArrowLeft" });
    expect(onPositionChange).toHaveBeenLastCalledWith(80);
    fireEvent.keyDown(slider(), { key: "Home" });
    expect(onPositionChange).toHaveBeenLastCalledWith(0);
  });

  it("leaves a vertical divider as it is", () => {
    const onPositionChange = vi.fn();
    render(<Stage dir="rtl" orientation="vertical" onPositionChange={onPositionChange} />);
    fireEvent.keyDown(slider(), { key: "ArrowDown" });
    expect(onPositionChange).toHaveBeenLastCalledWith(51);
  });
});

describe("disabled", () => {
  it("ignores pointer and keys, leaves the tab order and says so", () => {
    const onPositionChange = vi.fn();
    const { container } = render(<VideoCompare {...urls} disabled onPositionChange={onPositionChange} />);
    fireEvent.pointerDown(container.querySelector(".kling-compare-stage")!, { ...pointer, clientX: 30 });
    fireEvent.keyDown(slider(), { key: "End" });
    expect(onPositionChange).not.toHaveBeenCalled();
    expect(slider().getAttribute("aria-disabled")).toBe("true");
    expect(slider().hasAttribute("tabindex")).toBe(false);
    expect(container.querySelector(".kling-compare")!.hasAttribute("data-disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Play" })).toHaveProperty("disabled", true);
    expect(screen.getByRole("slider", { name: "Seek" })).toHaveProperty("disabled", true);
  });
});

describe("a slider of the app's own (externalSlider)", () => {
  it("leaves one slider for screen readers, with the divider's name and value text, kept current without renders", () => {
    let commits = 0;
    function Byo() {
      return (
        <VideoCompareRoot {...urls} externalSlider>
          <VideoCompareStage data-testid="stage">
            <VideoCompareDivider data-testid="line" />
          </VideoCompareStage>
          <Thumb />
        </VideoCompareRoot>
      );
    }
    render(
      <Profiler id="byo" onRender={() => void commits++}>
        <Byo />
      </Profiler>,
    );
    expect(screen.getAllByRole("slider")).toHaveLength(1);
    const line = screen.getByTestId("line");
    expect(line.getAttribute("aria-hidden")).toBe("true");
    expect(line.hasAttribute("tabindex")).toBe(false);
    expect(slider().getAttribute("aria-valuetext")).toBe("Original 50 % / Edited 50 %");
    const before = commits;
    fireEvent.pointerDown(screen.getByTestId("stage"), { ...pointer, clientX: 90 });
    expect(slider().getAttribute("aria-valuenow")).toBe("30");
    expect(slider().getAttribute("aria-valuetext")).toBe("Original 30 % / Edited 70 %");
    expect(commits).toBe(before);
  });
});

/** A design system's thumb: its own role and keyboard, the divider's name and value text. */
function Thumb() {
  const { getDividerValueProps, setPosition, getPosition } = useCompare();
  return (
    <span
      role="slider"
      tabIndex={0}
      {...getDividerValueProps<HTMLSpanElement>()}
      onKeyDown={(event) => event.key === "ArrowUp" && setPosition(getPosition() + 5)}
    />
  );
}
