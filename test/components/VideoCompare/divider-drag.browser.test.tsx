import { userEvent } from "vitest/browser";
import { describe, expect, it, vi } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { parts, renderCounted, whenReady } from "../../support/browser/compare";

const urls = { before: "/samples/source.mp4", after: "/samples/edited.mp4" };
const positionOf = (root: HTMLElement) => root.style.getPropertyValue("--kling-compare-position");

describe("VideoCompare divider in Chromium", () => {
  it("follows a mouse drag with zero React renders per move, reports every move and commits once on release", async () => {
    const onPositionChange = vi.fn();
    const onPositionCommit = vi.fn();
    const view = renderCounted(
      <div style={{ width: 400, marginLeft: 60 }}>
        <VideoCompare {...urls} onPositionChange={onPositionChange} onPositionCommit={onPositionCommit} />
      </div>,
    );
    const { root, stage, divider } = parts();
    await whenReady(root);
    const width = stage.getBoundingClientRect().width;
    const middle = stage.getBoundingClientRect().height / 2;
    view.reset();

    await userEvent.pointer({ target: stage, coords: { x: width / 2, y: middle }, keys: "[MouseLeft>]" });
    const moves = 12;
    for (let step = 1; step <= moves; step++) {
      const x = width / 2 - step * 10;
      await userEvent.pointer({ target: stage, coords: { x, y: middle } });
      const expected = Math.round((x / width) * 100);
      expect(Number(divider.getAttribute("aria-valuenow"))).toBeCloseTo(expected, -0.5);
      expect(parseFloat(positionOf(root))).toBeCloseTo((x / width) * 100, 0);
      expect(onPositionChange).toHaveBeenLastCalledWith(parseFloat(positionOf(root)));
    }
    // The pointer left the stage: capture keeps the drag going and clamps at the edge.
    const rect = stage.getBoundingClientRect();
    await userEvent.pointer({ coords: { x: rect.left - 40, y: rect.top + middle } });
    expect(positionOf(root)).toBe("0%");
    expect(onPositionCommit).not.toHaveBeenCalled();
    await userEvent.pointer("[/MouseLeft]");

    console.log(`[divider] React commits during ${moves + 1} pointer moves: ${view.commits()}`);
    expect(view.commits()).toBe(0);
    expect(onPositionCommit).toHaveBeenCalledTimes(1);
    expect(onPositionCommit).toHaveBeenCalledWith(0);
    expect(divider.getAttribute("aria-valuetext")).toBe("Original 0 % / Edited 100 %");
    // The original is clipped at the divider.
    expect(getComputedStyle(root.querySelector('[data-side="before"]')!).clipPath).toBe("inset(0px 100% 0px 0px)");
  });

  it("moves by keyboard with zero React renders per key press", async () => {
    const view = renderCounted(<VideoCompare {...urls} />);
    const { root, divider } = parts();
    await whenReady(root);
    divider.focus();
    view.reset();
    for (let press = 0; press < 10; press++) await userEvent.keyboard("{ArrowRight}");
    await userEvent.keyboard("{PageUp}");
    expect(divider.getAttribute("aria-valuenow")).toBe("70");
    expect(positionOf(root)).toBe("70%");
    await userEvent.keyboard("{End}");
    expect(divider.getAttribute("aria-valuenow")).toBe("100");
    console.log(`[divider] React commits during 12 key presses: ${view.commits()}`);
    expect(view.commits()).toBe(0);
  });

  it("moves only the slider that is dragged", async () => {
    renderCounted(
      <>
        <div style={{ width: 320 }} data-testid="first">
          <VideoCompare {...urls} />
        </div>
        <div style={{ width: 320 }} data-testid="second">
          <VideoCompare {...urls} />
        </div>
      </>,
    );
    const first = parts(document.querySelector('[data-testid="first"]')!);
    const second = parts(document.querySelector('[data-testid="second"]')!);
    await userEvent.pointer([
      { target: first.stage, coords: { x: 160, y: 40 }, keys: "[MouseLeft>]" },
      { target: first.stage, coords: { x: 80, y: 40 } },
      // Over the second slider while the first one holds the pointer.
      { target: second.stage, coords: { x: 300, y: 40 } },
      { keys: "[/MouseLeft]" },
    ]);
    const width = first.stage.getBoundingClientRect().width;
    expect(first.divider.getAttribute("aria-valuenow")).toBe(String(Math.round((300 / width) * 100)));
    expect(second.divider.getAttribute("aria-valuenow")).toBe("50");
  });

  it("leaves clicks on controls alone", async () => {
    renderCounted(<VideoCompare {...urls} defaultAudio="off" />);
    const { root, after } = parts();
    await whenReady(root);
    await userEvent.click(root.querySelector(".kling-compare-play")!);
    await expect.poll(() => after.paused).toBe(false);
    expect(root.style.getPropertyValue("--kling-compare-position")).toBe("50%");
  });

  it("shows the original while the stage or the hold button is held in toggle mode", async () => {
    const view = renderCounted(<VideoCompare {...urls} defaultMode="toggle" />);
    const { root, stage } = parts();
    await whenReady(root);
    const original = root.querySelector<HTMLElement>('[data-side="before"]')!;
    const opacity = () => getComputedStyle(original).opacity;
    expect(opacity()).toBe("0");
    view.reset();
    await userEvent.pointer({ target: stage, keys: "[MouseLeft>]" });
    expect(root.hasAttribute("data-showing")).toBe(true);
    expect(opacity()).toBe("1");
    await userEvent.pointer("[/MouseLeft]");
    expect(opacity()).toBe("0");
    const hold = root.querySelector<HTMLButtonElement>(".kling-compare-hold")!;
    hold.focus();
    await userEvent.keyboard("{Enter>}");
    expect(hold.getAttribute("aria-pressed")).toBe("true");
    expect(opacity()).toBe("1");
    await userEvent.keyboard("{/Enter}");
    expect(opacity()).toBe("0");
    expect(view.commits()).toBe(0);
  });
});
