import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { stubMediaPlayback } from "./media";

const urls = { before: "/a.mp4", after: "/b.mp4" };
const position = (container: HTMLElement) =>
  container.querySelector<HTMLElement>(".kling-compare")!.style.getPropertyValue("--kling-compare-position");

describe("VideoCompare divider by keyboard", () => {
  beforeEach(() => void stubMediaPlayback());

  it("exposes an accessible slider with value text", () => {
    render(<VideoCompare {...urls} defaultPosition={40} />);
    const slider = screen.getByRole("slider", { name: "Comparison divider" });
    expect(slider.getAttribute("aria-valuemin")).toBe("0");
    expect(slider.getAttribute("aria-valuemax")).toBe("100");
    expect(slider.getAttribute("aria-valuenow")).toBe("40");
    expect(slider.getAttribute("aria-valuetext")).toBe("Original 40 % / Edited 60 %");
    expect(slider.tabIndex).toBe(0);
  });

  it("moves with arrows, Page Up/Down, Home and End, updating ARIA and the custom property", () => {
    const onPositionChange = vi.fn();
    const onPositionCommit = vi.fn();
    const { container } = render(
      <VideoCompare {...urls} onPositionChange={onPositionChange} onPositionCommit={onPositionCommit} />,
    );
    const slider = screen.getByRole("slider", { name: "Comparison divider" });
    const press = (key: string, expected: number) => {
      fireEvent.keyDown(slider, { key });
      expect(slider.getAttribute("aria-valuenow")).toBe(String(expected));
      expect(position(container)).toBe(`${expected}%`);
      // A key press is a whole gesture: it moves and it commits.
      expect(onPositionChange).toHaveBeenLastCalledWith(expected);
      expect(onPositionCommit).toHaveBeenLastCalledWith(expected);
    };
    press("ArrowRight", 51);
    press("ArrowUp", 52);
    press("ArrowLeft", 51);
    press("ArrowDown", 50);
    press("PageUp", 60);
    press("PageDown", 50);
    press("End", 100);
    press("ArrowRight", 100);
    press("Home", 0);
    press("ArrowLeft", 0);
    expect(slider.getAttribute("aria-valuetext")).toBe("Original 0 % / Edited 100 %");
  });

  it("moves a horizontal line down with ArrowDown in vertical orientation", () => {
    render(<VideoCompare {...urls} orientation="vertical" />);
    const slider = screen.getByRole("slider", { name: "Comparison divider" });
    expect(slider.getAttribute("aria-orientation")).toBe("vertical");
    fireEvent.keyDown(slider, { key: "ArrowDown" });
    expect(slider.getAttribute("aria-valuenow")).toBe("51");
  });

  it("ignores other keys and leaves them to the page", () => {
    render(<VideoCompare {...urls} />);
    const slider = screen.getByRole("slider", { name: "Comparison divider" });
    expect(fireEvent.keyDown(slider, { key: "Tab" })).toBe(true);
    expect(fireEvent.keyDown(slider, { key: "ArrowRight" })).toBe(false);
  });

  it("follows a controlled position when the prop changes", () => {
    const { container, rerender } = render(<VideoCompare {...urls} position={30} />);
    expect(position(container)).toBe("30%");
    rerender(<VideoCompare {...urls} position={70} />);
    expect(screen.getByRole("slider", { name: "Comparison divider" }).getAttribute("aria-valuenow")).toBe("70");
    expect(position(container)).toBe("70%");
  });

  it("keeps a moved divider where it is across unrelated renders", () => {
    const { container, rerender } = render(<VideoCompare {...urls} />);
    fireEvent.keyDown(screen.getByRole("slider", { name: "Comparison divider" }), { key: "PageUp" });
    rerender(<VideoCompare {...urls} className="again" labels={{ before: "Source" }} />);
    expect(position(container)).toBe("60%");
    expect(screen.getByRole("slider", { name: "Comparison divider" }).getAttribute("aria-valuetext")).toBe(
      "Source 60 % / Edited 40 %",
    );
  });
});
