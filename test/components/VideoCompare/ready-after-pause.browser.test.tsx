import { userEvent } from "vitest/browser";
import { describe, expect, it } from "vitest";
import { VideoCompare } from "../../../src";
import { parts, renderCounted, whenReady } from "../../support/browser/compare";

const panes = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>(".kling-compare-pane")].map((pane) => pane.dataset.state);

describe("VideoCompare's media state after playback, in Chromium", () => {
  it("shows both panes ready after Play then Pause, and after a seek", async () => {
    renderCounted(
      <VideoCompare
        before="/test/support/browser/fixtures/sync-source.mp4"
        after="/test/support/browser/fixtures/sync-edited.mp4"
        defaultAudio="off"
      />,
    );
    const { root, before, after } = parts();
    await whenReady(root);
    const button = () => root.querySelector<HTMLButtonElement>(".kling-compare-play")!;

    for (let round = 0; round < 3; round++) {
      await userEvent.click(button());
      await expect.poll(() => after.currentTime, { timeout: 5000 }).toBeGreaterThan(0.3 + round);
      await userEvent.click(button());
      // The original's corrective seek on pause drops its readyState for a moment; the pane must
      // not stay "loading" once the seek lands.
      await expect
        .poll(() => [before.readyState, after.readyState, before.seeking], { timeout: 5000 })
        .toEqual([4, 4, false]);
      await expect.poll(() => panes(root), { timeout: 2000 }).toEqual(["ready", "ready"]);
      expect(root.dataset.state).toBe("ready");
      expect(root.querySelector('[role="status"]')).toBeNull();
    }

    // A seek while paused: both land, both panes stay (or become) ready.
    after.currentTime = 0.2;
    await expect
      .poll(() => [before.readyState, after.readyState, before.seeking, after.seeking], { timeout: 5000 })
      .toEqual([4, 4, false, false]);
    await expect.poll(() => panes(root), { timeout: 2000 }).toEqual(["ready", "ready"]);
    expect(root.querySelector('[role="status"]')).toBeNull();
  });
});
