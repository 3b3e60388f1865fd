import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, expect, it, vi } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { stubMediaPlayback } from "./media";

// jsdom has no layout and no pointer capture: give the stage a 200 × 100 box and a capture spy.
let capture: ReturnType<typeof vi.fn>;
beforeEach(() => {
  stubMediaPlayback();
  capture = vi.fn();
  Object.defineProperty(Element.prototype, "setPointerCapture", { value: capture, configurable: true });
  vi.spyOn(Element.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 200, 100));
});

const touch = { pointerId: 7, pointerType: "touch", isPrimary: true, button: 0 };
const setup = () => {
  const { container } = render(<VideoCompare before="/a.mp4" after="/b.mp4" />);
  return {
    stage: container.querySelector<HTMLElement>(".kling-compare-stage")!,
    divider: screen.getByRole("slider", { name: "Comparison divider" }),
  };
};

it("lets a finger that first moves vertically scroll the page", () => {
  const { stage, divider } = setup();
  fireEvent.pointerDown(stage, { ...touch, clientX: 100, clientY: 50 });
  fireEvent.pointerMove(stage, { ...touch, clientX: 102, clientY: 70 });
  fireEvent.pointerMove(stage, { ...touch, clientX: 160, clientY: 80 });
  fireEvent.pointerUp(stage, touch);
  expect(capture).not.toHaveBeenCalled();
  expect(divider.getAttribute("aria-valuenow")).toBe("50");
});

it("drags with a finger that first moves across the divider", () => {
  const onPositionChange = vi.fn();
  const onPositionCommit = vi.fn();
  const { container } = render(
    <VideoCompare
      before="/a.mp4"
      after="/b.mp4"
      onPositionChange={onPositionChange}
      onPositionCommit={onPositionCommit}
    />,
  );
  const stage = container.querySelector<HTMLElement>(".kling-compare-stage")!;
  fireEvent.pointerDown(stage, { ...touch, clientX: 100, clientY: 50 });
  // Below the slop (4 px) nothing is decided yet.
  fireEvent.pointerMove(stage, { ...touch, clientX: 102, clientY: 50 });
  expect(capture).not.toHaveBeenCalled();
  fireEvent.pointerMove(stage, { ...touch, clientX: 140, clientY: 52 });
  expect(capture).toHaveBeenCalledWith(7);
  fireEvent.pointerMove(stage, { ...touch, clientX: 50, clientY: 90 });
  // Another finger does not take over.
  fireEvent.pointerMove(stage, { ...touch, pointerId: 8, clientX: 190, clientY: 50 });
  fireEvent.pointerUp(stage, touch);
  expect(screen.getByRole("slider", { name: "Comparison divider" }).getAttribute("aria-valuenow")).toBe("25");
  // Every move is reported as it happens (70, then 25), the gesture's end once.
  expect(onPositionChange.mock.calls).toEqual([[70], [25]]);
  expect(onPositionCommit).toHaveBeenCalledTimes(1);
  expect(onPositionCommit).toHaveBeenCalledWith(25);
});

it("does not start a drag from controls placed in the stage or from a secondary button", () => {
  const { stage, divider } = setup();
  const button = document.createElement("button");
  stage.append(button);
  fireEvent.pointerDown(button, { ...touch, pointerType: "mouse", clientX: 20, clientY: 50 });
  fireEvent.pointerDown(stage, { ...touch, pointerType: "mouse", button: 2, clientX: 20, clientY: 50 });
  expect(capture).not.toHaveBeenCalled();
  expect(divider.getAttribute("aria-valuenow")).toBe("50");
});

it("uses the vertical axis in vertical orientation", () => {
  render(<VideoCompare before="/a.mp4" after="/b.mp4" orientation="vertical" />);
  const stage = document.querySelector<HTMLElement>(".kling-compare-stage")!;
  fireEvent.pointerDown(stage, { ...touch, clientX: 100, clientY: 50 });
  fireEvent.pointerMove(stage, { ...touch, clientX: 100, clientY: 80 });
  fireEvent.pointerUp(stage, touch);
  expect(screen.getByRole("slider", { name: "Comparison divider" }).getAttribute("aria-valuenow")).toBe("80");
});
