import { expect } from "vitest";
import { checkClip, inspectClip, type ClipInfo, type PreparedClip } from "../../../../src/index";

/** Resolves once `target` fires `type`; rejects on the video's own error. */
const once = (video: HTMLVideoElement, type: string) =>
  new Promise<void>((resolve, reject) => {
    video.addEventListener(type, () => resolve(), { once: true });
    video.addEventListener(
      "error",
      () => reject(new Error(`the video failed: ${video.error?.message ?? video.error?.code}`)),
      { once: true },
    );
  });

/** The file loads in a <video> at the size it claims, and its time moves when played. */
export async function expectPlayable(file: File, info: ClipInfo) {
  const video = document.createElement("video");
  video.muted = true;
  video.preload = "auto";
  const url = URL.createObjectURL(file);
  document.body.append(video);
  try {
    const loaded = once(video, "loadeddata");
    video.src = url;
    await loaded;
    expect([video.videoWidth, video.videoHeight]).toEqual([info.width, info.height]);
    const moved = new Promise<void>((resolve) => {
      const check = () => {
        if (video.currentTime > 0) resolve();
        else video.requestVideoFrameCallback(check);
      };
      video.requestVideoFrameCallback(check);
    });
    await video.play();
    await moved;
  } finally {
    video.pause();
    video.remove();
    URL.revokeObjectURL(url);
  }
}

/**
 * What every prepared clip must be: an MP4 that the clip rule accepts when read again from the
 * file itself, `seconds` long within one frame, that plays, and whose `info` is the file's.
 */
export async function expectConformed(prepared: PreparedClip, seconds: number) {
  expect(prepared.file.type).toBe("video/mp4");
  const again = await inspectClip(prepared.file);
  expect(again).toEqual(prepared.info);
  expect(checkClip(again)).toEqual([]);
  expect(again.container).toBe("mp4");
  expect(again.videoCodec).toBe("avc");
  expect(Math.abs(again.durationSeconds - seconds)).toBeLessThanOrEqual(1 / again.fps + 1e-6);
  await expectPlayable(prepared.file, again);
  return again;
}
