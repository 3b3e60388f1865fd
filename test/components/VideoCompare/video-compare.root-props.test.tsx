import { render } from "@testing-library/react";
import { createRef } from "react";
import { beforeEach, expect, it } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { stubMediaPlayback } from "./media";

beforeEach(() => void stubMediaPlayback());

it("passes className, style and ref to the root", () => {
  const ref = createRef<HTMLDivElement>();
  const { container } = render(
    <VideoCompare
      ref={ref}
      before="/a.mp4"
      after="/b.mp4"
      className="my-compare"
      style={{ maxWidth: 640 }}
      defaultPosition={20}
    />,
  );
  const root = container.firstElementChild as HTMLElement;
  expect(ref.current).toBe(root);
  expect(root.className).toBe("kling-root kling-compare my-compare");
  expect(root.style.maxWidth).toBe("640px");
  expect(root.style.getPropertyValue("--kling-compare-position")).toBe("20%");
  expect(root.dataset).toMatchObject({ mode: "slider", state: "loading", orientation: "horizontal" });
});

it("mutes the original and plays the edited video's sound, and switches on request", () => {
  const { container, rerender } = render(<VideoCompare before="/a.mp4" after="/b.mp4" />);
  const [original, edited] = container.querySelectorAll("video");
  expect([original!.muted, edited!.muted]).toEqual([true, false]);
  rerender(<VideoCompare before="/a.mp4" after="/b.mp4" audio="before" />);
  expect([original!.muted, edited!.muted]).toEqual([false, true]);
  rerender(<VideoCompare before="/a.mp4" after="/b.mp4" audio="off" />);
  expect([original!.muted, edited!.muted]).toEqual([true, true]);
});
