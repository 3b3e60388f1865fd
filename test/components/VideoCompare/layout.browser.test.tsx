import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { parts, renderCounted, whenReady } from "../../support/browser/compare";

describe("VideoCompare layout in Chromium", () => {
  it.each(["slider", "side-by-side", "toggle"] as const)("fits a 320 px wide container in %s mode", async (mode) => {
    renderCounted(
      <div style={{ width: 320 }} data-testid="frame">
        <VideoCompare before="/samples/source.mp4" after="/samples/edited.mp4" defaultMode={mode} />
      </div>,
    );
    const { root } = parts();
    await whenReady(root);
    const frame = document.querySelector<HTMLElement>('[data-testid="frame"]')!;
    expect(root.scrollWidth).toBeLessThanOrEqual(320);
    for (const element of root.querySelectorAll<HTMLElement>("*")) {
      const { right } = element.getBoundingClientRect();
      expect(right, element.className).toBeLessThanOrEqual(frame.getBoundingClientRect().right + 0.5);
    }
  });

  it("sizes the stage to a portrait video and letterboxes a landscape original inside it", async () => {
    renderCounted(
      <div style={{ width: 600 }}>
        <VideoCompare before="/samples/source.mp4" after="/samples/portrait.mp4" />
      </div>,
    );
    const { root, stage, before } = parts();
    await whenReady(root);
    await expect.poll(() => root.style.getPropertyValue("--kling-compare-aspect")).toBe(String(180 / 320));
    const box = stage.getBoundingClientRect();
    expect(box.width / box.height).toBeCloseTo(180 / 320, 1);
    expect(box.height).toBeLessThanOrEqual(window.innerHeight * 0.75 + 1);
    expect(getComputedStyle(before).objectFit).toBe("contain");
  });

  it("shows an error on the side that fails to load, and the other side still plays", async () => {
    renderCounted(
      <VideoCompare before="/samples/missing.mp4" after="/samples/edited.mp4" defaultAudio="off" autoPlay />,
    );
    const { root, after } = parts();
    await expect.poll(() => root.dataset.state, { timeout: 5000 }).toBe("error");
    expect(root.querySelector<HTMLElement>('[data-side="before"]')!.dataset.state).toBe("error");
    expect(root.querySelector('[role="alert"]')!.textContent).toBe("This video could not be loaded.");
    await expect.poll(() => after.currentTime).toBeGreaterThan(0.1);
  });

  it("reads each side again when its source changes", async () => {
    const view = render(<VideoCompare before="/samples/source.mp4" after="/samples/edited.mp4" />);
    const { root } = parts();
    await whenReady(root);
    view.rerender(<VideoCompare before="/samples/missing.mp4" after="/samples/edited.mp4" />);
    const original = root.querySelector<HTMLElement>('[data-side="before"]')!;
    // The element resets at once: no stale "ready" for the new source.
    expect(original.dataset.state).toBe("loading");
    await expect.poll(() => original.dataset.state, { timeout: 5000 }).toBe("error");
    expect(root.dataset.state).toBe("error");
  });
});
