import { useState } from "react";
import { userEvent } from "vitest/browser";
import { describe, expect, it, vi } from "vitest";
import {
  VideoCompareDivider,
  VideoComparePane,
  VideoComparePlay,
  VideoCompareRoot,
  VideoCompareStage,
  VideoCompareVideo,
} from "../../../src";
import { parts, renderCounted, sleep, whenReady } from "../../support/browser/compare";
import { sampleDrift, summarize } from "../../support/browser/drift";

const FRAME = 1 / 24; // the sample clips run at 24 fps

/** A comparison composed from the parts, with the app's own button that mounts the original late. */
function Composed({ onPositionChange }: { onPositionChange?: (position: number) => void }) {
  const [original, setOriginal] = useState<string | null>(null);
  return (
    <VideoCompareRoot
      className="kling-root kling-compare"
      before={original ?? "/test/support/browser/fixtures/sync-source.mp4"}
      after="/test/support/browser/fixtures/sync-edited.mp4"
      defaultAudio="off"
      defaultLoop
      onPositionChange={onPositionChange}
    >
      <VideoCompareStage className="kling-compare-stage">
        <VideoComparePane side="before" className="kling-compare-pane">
          {original && <VideoCompareVideo key={original} side="before" className="kling-compare-video" />}
        </VideoComparePane>
        <VideoComparePane side="after" className="kling-compare-pane">
          <VideoCompareVideo side="after" className="kling-compare-video" />
        </VideoComparePane>
        <VideoCompareDivider className="kling-compare-divider" />
      </VideoCompareStage>
      <VideoComparePlay className="my-play" />
      <button type="button" onClick={() => setOriginal("/test/support/browser/fixtures/sync-source.mp4")}>
        Show the original
      </button>
      <button type="button" onClick={() => setOriginal("/test/support/browser/fixtures/sync-short.mp4")}>
        Another original
      </button>
    </VideoCompareRoot>
  );
}

async function expectInStep(leader: HTMLVideoElement, follower: HTMLVideoElement) {
  await sleep(500);
  const { worst, count } = summarize(await sampleDrift(leader, follower, 800));
  expect(count).toBeGreaterThan(8);
  expect(worst).toBeLessThanOrEqual(FRAME);
}

describe("VideoCompare composed from its parts, in Chromium", { retry: 2 }, () => {
  it("drags the divider with zero React renders per move", async () => {
    const onPositionChange = vi.fn();
    const view = renderCounted(
      <div style={{ width: 400 }}>
        <Composed onPositionChange={onPositionChange} />
      </div>,
    );
    await userEvent.click(document.querySelector("button:nth-of-type(2)")!);
    const { root, stage, divider } = parts();
    await whenReady(root);
    view.reset();
    const { width, height } = stage.getBoundingClientRect();
    await userEvent.pointer({ target: stage, coords: { x: width / 2, y: height / 2 }, keys: "[MouseLeft>]" });
    for (let x = width / 2; x > width / 4; x -= 20)
      await userEvent.pointer({ target: stage, coords: { x, y: height / 2 } });
    await userEvent.pointer("[/MouseLeft]");
    expect(view.commits()).toBe(0);
    expect(Number(divider.getAttribute("aria-valuenow"))).toBeLessThan(35);
    expect(onPositionChange.mock.calls.length).toBeGreaterThan(5);
  });

  it("syncs an original that mounts late, and again when it is replaced", async () => {
    renderCounted(<Composed />);
    const after = () => document.querySelector<HTMLVideoElement>('[data-side="after"] video')!;
    const before = () => document.querySelector<HTMLVideoElement>('[data-side="before"] video');
    await expect.poll(() => after().readyState).toBeGreaterThan(1);
    await userEvent.click(document.querySelector(".my-play")!);
    await expect.poll(() => after().paused).toBe(false);
    expect(before()).toBeNull();

    await userEvent.click(document.querySelector("button:nth-of-type(2)")!);
    await expect.poll(() => before() !== null && !before()!.paused, { timeout: 5000 }).toBe(true);
    await expectInStep(after(), before()!);

    const first = before()!;
    await userEvent.click(document.querySelector("button:nth-of-type(3)")!);
    await expect.poll(() => before() !== first && !before()!.paused, { timeout: 5000 }).toBe(true);
    after().currentTime = 0.2;
    await expectInStep(after(), before()!);
  });
});
