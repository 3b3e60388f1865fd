import { expect, test } from "vitest";

// The shipped clips are H.264 baseline + AAC in MP4. Debian's Chromium builds its media stack on
// the system FFmpeg and plays them; this test is what keeps that decision honest.
test.each(["source", "edited", "portrait", "short"])("%s.mp4 decodes and plays in Chromium", async (name) => {
  const video = document.createElement("video");
  expect(video.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"')).not.toBe("");
  video.muted = true;
  video.src = `/samples/${name}.mp4`;
  document.body.append(video);
  try {
    await new Promise((resolve, reject) => {
      video.onloadeddata = resolve;
      video.onerror = () => reject(new Error(video.error?.message ?? "media error"));
    });
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(video.currentTime).toBeGreaterThan(0.1);
    expect(video.videoWidth).toBeGreaterThan(0);
  } finally {
    video.remove();
  }
});
