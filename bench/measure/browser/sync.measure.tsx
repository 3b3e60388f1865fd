import { expect, it } from "vitest";
import { VideoCompare } from "../../../src";
import { parts, renderCounted, sleep, whenReady } from "../../../test/support/browser/compare";
import { ms, sampleDrift, summarize } from "../../../test/support/browser/drift";
import { record } from "../record";

const PLAYBACK_MS = 10_000;
const SETTLE_MS = 400;

/** Median time between consecutive frames the video presents (rVFC mediaTime), in seconds. */
async function frameDuration(video: HTMLVideoElement, ms: number) {
  const times: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    times.push(
      await new Promise<number>((resolve) => video.requestVideoFrameCallback((_, meta) => resolve(meta.mediaTime))),
    );
  }
  const steps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .filter((step) => step > 0);
  return summarize(steps).median;
}

it("drift between the two videos over 10 s of playback in Chromium", { timeout: 60_000 }, async () => {
  renderCounted(
    <VideoCompare before="/samples/source.mp4" after="/samples/edited.mp4" autoPlay defaultLoop defaultAudio="off" />,
  );
  const { root, before, after } = parts();
  await whenReady(root);
  await expect.poll(() => after.paused, { timeout: 5000 }).toBe(false);
  await sleep(SETTLE_MS);
  const [raw, frame] = await Promise.all([sampleDrift(after, before, PLAYBACK_MS), frameDuration(after, PLAYBACK_MS)]);
  // The clips loop (4 s): around the wrap one may be at 3.99 s and the other at 0.01 s.
  const samples = raw.map((drift) => Math.min(drift, after.duration - drift));
  const { median, worst, count } = summarize(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!;
  record("Sync: drift between the two videos in Chromium (edited leads, original follows)", [
    {
      playback: `${PLAYBACK_MS / 1000} s, loop on, 1x`,
      "frames sampled": count,
      "median drift": ms(median),
      "p95 drift": ms(p95),
      "worst drift": ms(worst),
      "frame duration": ms(frame),
      "frames within one frame": `${((samples.filter((d) => d <= frame + 1e-6).length / count) * 100).toFixed(1)} %`,
    },
  ]);
});
