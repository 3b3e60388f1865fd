import { describe, expect, it } from "vitest";
import {
  checkClip,
  clipVerdict,
  DEFAULT_LIMITS,
  defaultClipWindow,
  fitClipFps,
  fitClipSize,
  roundDuration,
  validateEditInput,
  type ClipInfo,
} from "../../../src";

const MB = 1024 * 1024;
const fits: ClipInfo = {
  durationSeconds: 5,
  width: 1280,
  height: 720,
  fps: 30,
  videoCodec: "avc",
  audioCodec: "aac",
  container: "mp4",
  bytes: 3 * MB,
  rotation: 0,
};
const codes = (info: Partial<ClipInfo>, limits = {}) =>
  checkClip({ ...fits, ...info }, limits).map((issue) => issue.code);

describe("DEFAULT_LIMITS", () => {
  it("are the published limits of Kling O3 video edit", () => {
    expect(DEFAULT_LIMITS).toMatchObject({
      minDurationSeconds: 3,
      maxDurationSeconds: 10,
      maxVideoBytes: 200 * MB,
      minVideoSide: 720,
      maxVideoSide: 2160,
      minVideoFps: 24,
      maxVideoFps: 60,
      videoContainers: ["mp4", "mov"],
      videoCodecs: ["avc"],
    });
  });
});

describe("checkClip", () => {
  it("accepts a clip within every limit, the bounds included", () => {
    expect(checkClip(fits)).toEqual([]);
    expect(codes({ durationSeconds: 3, width: 720, height: 2160, fps: 24, container: "mov" })).toEqual([]);
    expect(codes({ durationSeconds: 10, width: 2160, height: 2160, fps: 60, bytes: 200 * MB })).toEqual([]);
    // Rounded to a tenth, as the form submits it: 10.04 s is 10 s to the model's rule too.
    expect(codes({ durationSeconds: 10.04 })).toEqual([]);
    // A hair over or under a frame-rate bound is that bound: containers round, phones vary.
    expect(codes({ fps: 60.3 })).toEqual([]);
    expect(codes({ fps: 23.976 })).toEqual([]);
  });

  it("names each broken rule, in a message that says what to do", () => {
    expect(checkClip({ ...fits, durationSeconds: 30 })).toEqual([
      {
        code: "too_long",
        message: "This video is too long: 30 s; the model takes 3 to 10 s. Choose up to 10 s of it.",
        fixable: true,
      },
    ]);
    expect(checkClip({ ...fits, durationSeconds: 2.4 })).toEqual([
      {
        code: "too_short",
        message: "This video is too short: 2.4 s; the model takes 3 to 10 s. Choose a clip of at least 3 s.",
        fixable: false,
      },
    ]);
    expect(checkClip({ ...fits, bytes: 250 * MB })[0]).toEqual({
      code: "file_size",
      message: "The file is 250 MB; the limit is 200 MB. A shorter part of it, or a smaller copy, fits.",
      fixable: true,
    });
    expect(checkClip({ ...fits, fps: 120 })[0]!.message).toBe(
      "The clip runs at 120 fps; the model takes 24–60 fps. It can be converted to 60 fps.",
    );
    expect(checkClip({ ...fits, fps: 15 })[0]!.message).toBe(
      "The clip runs at 15 fps; the model takes 24–60 fps. It can be converted to 24 fps.",
    );
    expect(checkClip({ ...fits, container: "mkv" })[0]!.message).toBe(
      "The clip's format is MKV; the model takes MP4 or MOV. It can be rewritten as MP4.",
    );
    expect(checkClip({ ...fits, videoCodec: "hevc" })[0]!.message).toBe(
      "The clip's video is HEVC (H.265); the model takes H.264. It can be converted where this browser can read HEVC (H.265).",
    );
  });

  it("names every rule a clip breaks, one issue each", () => {
    const phone4k = { durationSeconds: 34, width: 2160, height: 3840, fps: 60, videoCodec: "hevc", container: "mov" };
    expect(codes(phone4k)).toEqual(["too_long", "too_large", "codec"]);
    const screen = {
      durationSeconds: 12,
      width: 640,
      height: 360,
      fps: 90,
      videoCodec: "vp9",
      container: "webm",
      bytes: 300 * MB,
    };
    expect(codes(screen)).toEqual(["too_long", "too_small", "fps", "file_size", "container", "codec"]);
  });

  it("names a shape too narrow for both bounds twice, and says no size fits", () => {
    const issues = checkClip({ ...fits, width: 3000, height: 500 });
    expect(issues.map((issue) => [issue.code, issue.fixable])).toEqual([
      ["too_small", false],
      ["too_large", false],
    ]);
    expect(issues[0]!.message).toBe(
      "The clip is 3000×500 px; each side must be 720–2160 px. No size keeps its shape with both sides in range: crop it to a less narrow shape.",
    );
  });

  it("follows limits that are overridden, as validateEditInput does", () => {
    const limits = {
      maxDurationSeconds: 30,
      minVideoSide: 360,
      videoContainers: ["mp4", "mov", "webm"],
      videoCodecs: ["avc", "vp9"],
    };
    expect(
      codes({ durationSeconds: 25, width: 640, height: 360, container: "webm", videoCodec: "vp9" }, limits),
    ).toEqual([]);
    expect(validateEditInput({ prompt: "x", video_url: "https://a.test/v.mp4", video_duration: 25 }, limits).ok).toBe(
      true,
    );
    expect(checkClip({ ...fits, durationSeconds: 40 }, limits)[0]!.message).toBe(
      "This video is too long: 40 s; the model takes 3 to 30 s. Choose up to 30 s of it.",
    );
  });

  it("shares the duration rule with validateEditInput on the length the form submits (to a tenth)", () => {
    for (const seconds of [2.94, 2.95, 3, 10, 10.04, 10.05, 11]) {
      const byForm = validateEditInput({
        prompt: "x",
        video_url: "https://a.test/v.mp4",
        video_duration: roundDuration(seconds),
      }).ok;
      const byClip = !codes({ durationSeconds: seconds }).some((code) => code === "too_short" || code === "too_long");
      expect([seconds, byClip]).toEqual([seconds, byForm]);
    }
  });
});

describe("clipVerdict", () => {
  it("fits, fixable or refused", () => {
    expect(clipVerdict(fits)).toBe("fits");
    expect(
      clipVerdict({
        ...fits,
        durationSeconds: 30,
        width: 3840,
        height: 2160,
        fps: 90,
        container: "webm",
        videoCodec: "vp9",
      }),
    ).toBe("fixable");
    expect(clipVerdict({ ...fits, durationSeconds: 2 })).toBe("refused");
    expect(clipVerdict({ ...fits, width: 3000, height: 500 })).toBe("refused");
    expect(clipVerdict({ ...fits, videoCodec: "unknown" })).toBe("refused");
  });
});

describe("what preparation aims at", () => {
  it("fitClipSize keeps what fits, scales the rest into range keeping the aspect, in even pixels", () => {
    expect(fitClipSize(1080, 1920)).toEqual({ width: 1080, height: 1920 });
    expect(fitClipSize(1279, 721)).toEqual({ width: 1279, height: 721 });
    expect(fitClipSize(640, 360)).toEqual({ width: 1280, height: 720 });
    expect(fitClipSize(3840, 2160)).toEqual({ width: 2160, height: 1216 });
    expect(fitClipSize(2160, 3840)).toEqual({ width: 1216, height: 2160 });
    expect(fitClipSize(480, 480)).toEqual({ width: 720, height: 720 });
    expect(fitClipSize(3000, 500)).toBeUndefined();
    expect(fitClipSize(0, 0)).toBeUndefined();
    expect(fitClipSize(640, 360, { minVideoSide: 360 })).toEqual({ width: 640, height: 360 });
  });

  it("fitClipFps keeps every n-th frame above the range, repeats frames below it", () => {
    expect([90, 120, 240, 100, 50, 30, 15, 0].map((fps) => fitClipFps(fps))).toEqual([45, 60, 60, 50, 50, 30, 24, 0]);
    expect(fitClipFps(119.88)).toBe(59.94);
  });

  it("defaultClipWindow keeps the first part the limits allow", () => {
    expect(defaultClipWindow({ durationSeconds: 30 })).toEqual({ start: 0, end: 10 });
    expect(defaultClipWindow({ durationSeconds: 6 })).toEqual({ start: 0, end: 6 });
    expect(defaultClipWindow({ durationSeconds: 30 }, { maxDurationSeconds: 15 })).toEqual({ start: 0, end: 15 });
  });
});
