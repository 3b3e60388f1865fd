import { userEvent } from "vitest/browser";
import { afterAll, describe, expect, it } from "vitest";
import { VideoCompare } from "../../src/components/VideoCompare";
import { parts, renderCounted, sleep, whenReady } from "../support/browser/compare";
import { ms, sampleDrift, summarize } from "../support/browser/drift";

// Small 320x180 clips of their own (fixtures/sync-*.mp4, 24 fps): the sync measures the loop, not
// the decoder, and the 1280x720 samples made a busy machine decode late.
const FRAME = 1 / 24;
const SETTLE_MS = 400;
const all: number[] = [];

/** Lets the correction loop settle, then samples; every sample must be within one frame. */
async function expectInStep(
  leader: HTMLVideoElement,
  follower: HTMLVideoElement,
  label: string,
  sampleMs = 1200,
  settleMs = SETTLE_MS,
) {
  await sleep(settleMs);
  const samples = await sampleDrift(leader, follower, sampleMs);
  const { median, worst, count } = summarize(samples);
  console.log(`[drift] ${label}: median ${ms(median)}, worst ${ms(worst)} over ${count} frames`);
  all.push(...samples);
  expect(leader.paused).toBe(false);
  // rVFC fires per presented frame: at least half of the clip's 24 fps, even on a busy machine.
  expect(count).toBeGreaterThan((sampleMs / 1000) * 12);
  expect(worst).toBeLessThanOrEqual(FRAME);
}

afterAll(() => {
  const { median, worst, count } = summarize(all);
  console.log(
    `[drift] overall: median ${ms(median)}, worst ${ms(worst)} over ${count} frames (one frame = ${ms(FRAME)})`,
  );
});

// Headless Chromium has no audio device: each video's clock is a fake audio sink driven by a
// timer, which a starved machine (load 8–10 on 2 cores was seen here) can stall for a moment in
// one video only. A retry measures again; every attempt's figures are printed.
describe("VideoCompare keeps both videos within one frame in Chromium", { retry: 2 }, () => {
  it("during playback, after seeks and after a rate change", async () => {
    renderCounted(
      <VideoCompare
        before="/test/support/browser/fixtures/sync-source.mp4"
        after="/test/support/browser/fixtures/sync-edited.mp4"
        autoPlay
        defaultAudio="off"
      />,
    );
    const { root, before, after } = parts();
    await whenReady(root);
    await expect.poll(() => after.paused).toBe(false);
    expect(before.paused).toBe(false);
    expect(before.muted).toBe(true);

    await expectInStep(after, before, "playing");

    // A seek through the seek bar (the edited video leads, the original follows).
    const seek = root.querySelector<HTMLInputElement>(".kling-compare-seek")!;
    seek.value = "0.5";
    seek.dispatchEvent(new Event("input", { bubbles: true }));
    await expectInStep(after, before, "after a seek back");

    after.currentTime = 1.2;
    await expectInStep(after, before, "after a seek forward");

    after.currentTime = 0.3;
    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>(".kling-compare-rate")!, "1.5");
    expect(before.playbackRate).toBeCloseTo(1.5, 1);
    await expectInStep(after, before, "at 1.5x", 1000);
  });

  it("stays in step across the loop wrap of two clips of the same length", async () => {
    renderCounted(
      <VideoCompare
        before="/test/support/browser/fixtures/sync-source.mp4"
        after="/test/support/browser/fixtures/sync-edited.mp4"
        autoPlay
        defaultLoop
        defaultAudio="off"
      />,
    );
    const { root, before, after } = parts();
    await whenReady(root);
    await expect.poll(() => after.paused).toBe(false);
    after.currentTime = 3.2;
    await sleep(SETTLE_MS);
    // Around the wrap one video may be at 3.99 s and the other at 0.01 s: measure around the loop.
    const samples = (await sampleDrift(after, before, 1400)).map((drift) => Math.min(drift, after.duration - drift));
    const { median, worst, count } = summarize(samples);
    console.log(`[drift] across a loop wrap: median ${ms(median)}, worst ${ms(worst)} over ${count} frames`);
    expect(after.currentTime).toBeLessThan(2);
    expect(worst).toBeLessThanOrEqual(FRAME);
    all.push(...samples);
  });

  it("mirrors pause and lands the original on the same frame", async () => {
    renderCounted(
      <VideoCompare
        before="/test/support/browser/fixtures/sync-source.mp4"
        after="/test/support/browser/fixtures/sync-edited.mp4"
        autoPlay
        defaultAudio="off"
      />,
    );
    const { root, before, after } = parts();
    await whenReady(root);
    await expect.poll(() => after.paused).toBe(false);
    await sleep(300);
    after.pause();
    await expect.poll(() => before.paused).toBe(true);
    await expect.poll(() => Math.abs(after.currentTime - before.currentTime)).toBeLessThan(0.002);
    after.currentTime = 2.25;
    await expect.poll(() => before.currentTime).toBeCloseTo(2.25, 2);
    expect(before.paused).toBe(true);
  });

  it("holds a shorter original on its last frame and restarts it when the edit loops", async () => {
    renderCounted(
      <VideoCompare
        before="/test/support/browser/fixtures/sync-short.mp4"
        after="/test/support/browser/fixtures/sync-edited.mp4"
        autoPlay
        defaultLoop
        defaultAudio="off"
      />,
    );
    const { root, before, after } = parts();
    await whenReady(root);
    after.currentTime = 2.3;
    await sleep(500);
    expect(after.paused).toBe(false);
    expect(before.paused).toBe(true);
    expect(before.currentTime).toBeCloseTo(before.duration, 1);
    // Loop: the edit wraps at 4 s and the original plays again, in step.
    after.currentTime = 3.6;
    await expect.poll(() => after.currentTime < 1 && !before.paused, { timeout: 3000 }).toBe(true);
    // The original restarts from a pause while the edit plays on: a late start it must make up.
    await expectInStep(after, before, "after restarting a shorter original", 700);
  });
});
