import axe from "axe-core";
import { useState } from "react";
import { userEvent } from "vitest/browser";
import { describe, expect, it } from "vitest";
import {
  VideoCompare,
  VideoCompareDivider,
  VideoComparePane,
  VideoCompareRoot,
  VideoCompareStage,
  VideoCompareVideo,
  useVideoCompareContext,
} from "../../../src";
import { parts, renderCounted, whenReady } from "../../support/browser/compare";

const clips = {
  before: "/test/support/browser/fixtures/sync-source.mp4",
  after: "/test/support/browser/fixtures/sync-edited.mp4",
};

/** A design system's slider in the shape of Radix's: a root with the value, a thumb with role="slider" and its own keys. */
function DsSlider({
  value,
  onValueChange,
  thumbProps,
}: {
  value: number;
  onValueChange: (value: number) => void;
  thumbProps: object;
}) {
  return (
    <div className="ds-slider" style={{ position: "relative", height: 20 }}>
      <span
        role="slider"
        tabIndex={0}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        {...thumbProps}
        style={{ position: "absolute", left: `${value}%`, width: 16, height: 16, background: "#333" }}
        onKeyDown={(event) => {
          const delta = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
          if (delta) onValueChange(Math.min(100, Math.max(0, value + delta)));
        }}
      />
    </div>
  );
}

function Thumb({ value, onValueChange }: { value: number; onValueChange: (value: number) => void }) {
  const { getDividerValueProps } = useVideoCompareContext();
  return <DsSlider value={value} onValueChange={onValueChange} thumbProps={getDividerValueProps()} />;
}

function Byo() {
  const [position, setPosition] = useState(40);
  return (
    <VideoCompareRoot
      {...clips}
      className="kling-root kling-compare"
      externalSlider
      position={position}
      onPositionChange={setPosition}
      defaultAudio="off"
    >
      <VideoCompareStage className="kling-compare-stage">
        <VideoComparePane side="before" className="kling-compare-pane">
          <VideoCompareVideo side="before" className="kling-compare-video" />
        </VideoComparePane>
        <VideoComparePane side="after" className="kling-compare-pane">
          <VideoCompareVideo side="after" className="kling-compare-video" />
        </VideoComparePane>
        <VideoCompareDivider className="kling-compare-divider" />
      </VideoCompareStage>
      <Thumb value={position} onValueChange={setPosition} />
    </VideoCompareRoot>
  );
}

describe("VideoCompare with a design system's slider, in Chromium", () => {
  it("leaves one slider for screen readers, with the divider's value text, that both the slider and a drag move", async () => {
    renderCounted(<Byo />);
    const { root, stage } = parts();
    await whenReady(root);
    const results = await axe.run(root);
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
    const sliders = root.querySelectorAll('[role="slider"]');
    expect(sliders).toHaveLength(1);
    const thumb = sliders[0] as HTMLElement;
    expect(thumb.getAttribute("aria-label")).toBe("Comparison divider");
    expect(thumb.getAttribute("aria-valuetext")).toBe("Original 40 % / Edited 60 %");

    thumb.focus();
    await userEvent.keyboard("{ArrowRight}");
    expect(root.style.getPropertyValue("--kling-compare-position")).toBe("41%");
    expect(thumb.getAttribute("aria-valuetext")).toBe("Original 41 % / Edited 59 %");

    const { width, height } = stage.getBoundingClientRect();
    await userEvent.pointer({ target: stage, coords: { x: width * 0.7, y: height / 2 }, keys: "[MouseLeft]" });
    expect(thumb.getAttribute("aria-valuenow")).toBe("70");
    expect(thumb.getAttribute("aria-valuetext")).toBe("Original 70 % / Edited 30 %");
  });

  it('draws the divider where the pointer is with dir="rtl", the original on the right', async () => {
    renderCounted(
      <div style={{ width: 400 }}>
        <VideoCompare {...clips} dir="rtl" defaultAudio="off" />
      </div>,
    );
    const { root, stage, divider } = parts();
    await whenReady(root);
    const box = stage.getBoundingClientRect();
    await userEvent.pointer({ target: stage, coords: { x: box.width * 0.25, y: box.height / 2 }, keys: "[MouseLeft]" });
    expect(Number(divider.getAttribute("aria-valuenow"))).toBe(75);
    const line = divider.getBoundingClientRect();
    expect(Math.abs(line.left + line.width / 2 - (box.left + box.width * 0.25))).toBeLessThan(2);
    // The original shows right of the divider: a point left of it is the edited video.
    const before = root.querySelector<HTMLElement>('[data-side="before"]')!;
    expect(getComputedStyle(before).clipPath).toContain("25%");
  });
});
