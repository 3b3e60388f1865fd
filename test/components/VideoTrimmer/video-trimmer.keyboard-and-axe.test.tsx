import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VideoTrimmer } from "../../../src";
import { stubMediaPlayback } from "../VideoCompare/media";
import { expectNoAxeViolations } from "../../support/components";

beforeEach(() => {
  stubMediaPlayback();
  Object.defineProperty(URL, "createObjectURL", { value: vi.fn(() => "blob:clip"), configurable: true });
  Object.defineProperty(URL, "revokeObjectURL", { value: vi.fn(), configurable: true });
});

const info = { durationSeconds: 30 };
const file = new Blob(["x"], { type: "video/mp4" });

describe("VideoTrimmer", () => {
  it("is trimmed by keyboard alone: Tab to each part, then arrows, pages, Home and End", async () => {
    const user = userEvent.setup();
    const onValueCommit = vi.fn();
    render(<VideoTrimmer file={file} info={info} onValueCommit={onValueCommit} />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Play selection" }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("slider", { name: "Start" }));
    await user.keyboard("{PageUp}{PageUp}{ArrowRight}{ArrowRight}");
    expect(document.activeElement!.getAttribute("aria-valuetext")).toBe("Start 0:02.2");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("slider", { name: "Selection" }));
    await user.keyboard("{End}");
    expect(document.activeElement!.getAttribute("aria-valuetext")).toBe("0:22.2 to 0:30.0");
    await user.tab();
    const end = screen.getByRole("slider", { name: "End" });
    expect(document.activeElement).toBe(end);
    await user.keyboard("{Home}");
    expect(end.getAttribute("aria-valuetext")).toBe("End 0:25.2 (3 s selected)");
    await user.keyboard("{PageUp}{PageUp}");
    expect(end.getAttribute("aria-valuetext")).toBe("End 0:27.2 (5 s selected)");
    expect(screen.getByText("5 s selected of 30 s")).toBeTruthy();
    expect(onValueCommit).toHaveBeenLastCalledWith({ start: 22.2, end: 27.2 });
  });

  it("has no axe violations, ready, loading and too short", async () => {
    const { container, rerender } = render(<VideoTrimmer file={file} info={info} />);
    await expectNoAxeViolations(container);
    rerender(<VideoTrimmer file={file} />);
    await expectNoAxeViolations(container);
    rerender(<VideoTrimmer file={file} info={{ durationSeconds: 2 }} />);
    expect(screen.getByText("This clip is 2 s long; at least 3 s are needed.")).toBeTruthy();
    await expectNoAxeViolations(container);
  });

  it("passes className, style, ref and native props to the root, with its state as data-*", () => {
    const ref = createRef<HTMLDivElement>();
    const { container } = render(
      <VideoTrimmer
        ref={ref}
        info={info}
        className="mine"
        style={{ maxWidth: 400 }}
        id="trim"
        data-testid="root"
        disabled
      />,
    );
    const root = container.firstElementChild as HTMLElement;
    expect(ref.current).toBe(root);
    expect(root.className).toBe("kling-root kling-trimmer mine");
    expect(root.style.maxWidth).toBe("400px");
    expect(root.style.getPropertyValue("--kling-trim-start")).toBe("0%");
    expect(root.id).toBe("trim");
    expect(root.getAttribute("data-state")).toBe("ready");
    expect(root.hasAttribute("data-disabled")).toBe(true);
    expect(root.getAttribute("role")).toBe("group");
    expect(root.getAttribute("aria-label")).toBe("Trim the clip");
  });

  it("takes every string from labels", () => {
    render(
      <VideoTrimmer
        info={info}
        labels={{
          region: "Zuschneiden",
          start: "Anfang",
          end: "Ende",
          window: "Auswahl",
          length: (seconds) => `${seconds} Sek.`,
          endText: (end, length, labels) => `${labels.end} ${labels.time(end)} (${labels.length(length)} gewählt)`,
          summary: (length, duration, labels) => `${labels.length(length)} von ${labels.length(duration)}`,
          play: "Abspielen",
        }}
      />,
    );
    expect(screen.getByRole("group", { name: "Zuschneiden" })).toBeTruthy();
    expect(screen.getByRole("slider", { name: "Anfang" }).getAttribute("aria-valuetext")).toBe("Anfang 0:00.0");
    expect(screen.getByRole("slider", { name: "Ende" }).getAttribute("aria-valuetext")).toBe(
      "Ende 0:10.0 (10 Sek. gewählt)",
    );
    expect(screen.getByRole("slider", { name: "Auswahl" })).toBeTruthy();
    expect(screen.getByText("10 Sek. von 30 Sek.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Abspielen" })).toBeTruthy();
  });
});
