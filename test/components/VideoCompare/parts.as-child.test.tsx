import { fireEvent, render, screen } from "@testing-library/react";
import { createRef, forwardRef, useState, type ButtonHTMLAttributes } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import {
  VideoCompare,
  VideoCompareDivider,
  VideoComparePane,
  VideoComparePlay,
  VideoCompareRoot,
  VideoCompareStage,
  VideoCompareVideo,
} from "../../../src";
import { stubMediaPlayback } from "./media";

beforeEach(() => void stubMediaPlayback());

/** A design system's toggle (as Radix's): its own `data-state`, which props it is given would override. */
const DsToggle = forwardRef<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement>>(function DsToggle(props, ref) {
  const [on, setOn] = useState(false);
  return (
    <button
      ref={ref}
      type="button"
      data-state={on ? "on" : "off"}
      className="ds-toggle"
      {...props}
      onClick={(event) => (setOn(!on), props.onClick?.(event))}
    />
  );
});

describe("VideoCompare parts with asChild", () => {
  it("render a design system's component with the part's behaviour, keeping the component's own data-state", () => {
    const ref = createRef<HTMLButtonElement>();
    render(
      <VideoCompareRoot before="/a.mp4" after="/b.mp4">
        <VideoCompareStage asChild>
          <section data-testid="stage">
            <VideoComparePane side="before" asChild>
              <figure>
                <VideoCompareVideo side="before" />
              </figure>
            </VideoComparePane>
            <VideoComparePane side="after">
              <VideoCompareVideo side="after" />
            </VideoComparePane>
            <VideoCompareDivider asChild>
              <span className="ds-handle" />
            </VideoCompareDivider>
          </section>
        </VideoCompareStage>
        <VideoComparePlay asChild ref={ref}>
          <DsToggle>Play</DsToggle>
        </VideoComparePlay>
      </VideoCompareRoot>,
    );
    const play = screen.getByRole("button", { name: "Play" });
    expect(ref.current).toBe(play);
    expect(play.className).toBe("ds-toggle");
    expect(play.dataset).toMatchObject({ state: "off", playback: "paused" });
    fireEvent.click(play);
    expect(document.querySelectorAll("video")[1]!.paused).toBe(false);
    expect(play.dataset).toMatchObject({ state: "on", playback: "playing" });
    expect(screen.getByTestId("stage").tagName).toBe("SECTION");
    expect(document.querySelector("figure")!.dataset).toMatchObject({ side: "before", state: "loading" });
    const divider = screen.getByRole("slider", { name: "Comparison divider" });
    expect(divider.className).toBe("ds-handle");
    fireEvent.keyDown(divider, { key: "End" });
    expect(divider.getAttribute("aria-valuenow")).toBe("100");
  });

  it("without asChild, the play button keeps data-state beside data-playback", () => {
    render(<VideoCompare before="/a.mp4" after="/b.mp4" />);
    expect(screen.getByRole("button", { name: "Play" }).dataset).toMatchObject({ state: "paused", playback: "paused" });
  });
});

describe("panes", () => {
  it("carry data-side; the videos do not", () => {
    const { container } = render(<VideoCompare before="/a.mp4" after="/b.mp4" />);
    expect([...container.querySelectorAll("[data-side]")].map((element) => element.tagName)).toEqual(["DIV", "DIV"]);
    expect(
      [...container.querySelectorAll(".kling-compare-pane")].map((pane) => pane.getAttribute("data-side")),
    ).toEqual(["before", "after"]);
  });
});
