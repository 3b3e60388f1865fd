import { expect, test } from "vitest";
import { loadSampleClip, SAMPLE_CLIPS, sampleClipUrl, type SampleClipName } from "../../src/testing";

// The sample clips of react-kling-edit/testing in a page, as a bundler (Vite here) serves them:
// the URL loads and plays, and the loader fetches the same bytes.
test.each(Object.keys(SAMPLE_CLIPS) as SampleClipName[])(
  "sampleClipUrl(%j) plays in Chromium; loadSampleClip fetches it",
  async (name) => {
    const video = document.createElement("video");
    video.muted = true;
    video.src = sampleClipUrl(name);
    document.body.append(video);
    try {
      await new Promise((resolve, reject) => {
        video.onloadeddata = resolve;
        video.onerror = () => reject(new Error(video.error?.message ?? "media error"));
      });
      expect([video.videoWidth, video.videoHeight]).toEqual([SAMPLE_CLIPS[name].width, SAMPLE_CLIPS[name].height]);
      // Playing: the clock moves (by the media's own progress, not by a wait of ours).
      const moved = new Promise<void>((resolve) => {
        video.ontimeupdate = () => video.currentTime > 0.1 && resolve();
      });
      await video.play();
      await moved;
      expect(video.currentTime).toBeGreaterThan(0.1);
    } finally {
      video.remove();
    }
    const file = await loadSampleClip(name);
    expect(file).toMatchObject({ name: `${name}.mp4`, type: "video/mp4", size: SAMPLE_CLIPS[name].bytes });
  },
);
