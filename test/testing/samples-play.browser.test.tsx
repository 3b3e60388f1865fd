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
    // Played means time moved: wait for the video's own clock, not a wall-clock pause that a busy
    // machine can outlast before the first frame.
    const played = new Promise<void>((resolve) => {
      video.ontimeupdate = () => video.currentTime > 0.1 && resolve();
    });
    await video.play();
    await played;
    expect(video.currentTime).toBeGreaterThan(0.1);
    expect(video.videoWidth).toBeGreaterThan(0);
  } finally {
    video.remove();
  }
});
