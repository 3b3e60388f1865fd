// Clips people really have, made by ffmpeg at test time, prepared by the real engine in real
// Chromium (no mock of the toolkit or of WebCodecs): each prepared file is read again from its
// bytes, checked by the clip rule, measured and played.
import { canEncodeAudio } from "mediabunny";
import { beforeAll, describe, expect, test } from "vitest";
import { checkClip, clipVerdict, inspectClip, prepareClip, type ClipIssueCode } from "../../../src/index";
import { expectConformed } from "../../support/browser/clips/expect-clip";
import { clipsReady, CLIPS_READY_MS, loadClip } from "../../support/browser/clips/load";

beforeAll(clipsReady, CLIPS_READY_MS);

// Transcoding is slow on a shared 2-core machine; the time it takes is the bench's business.
const SLOW = 180_000;
const codes = (issues: { code: ClipIssueCode }[]) => issues.map((issue) => issue.code);

describe("a 30 s portrait phone clip (1080×1920, 30 fps, H.264/AAC MP4)", () => {
  test(
    "is named too long, and a cut at a key frame copies packets: 10 s, nothing re-encoded",
    async () => {
      const file = await loadClip("portrait");
      const info = await inspectClip(file);
      expect(info).toMatchObject({
        width: 1080,
        height: 1920,
        fps: 30,
        videoCodec: "avc",
        audioCodec: "aac",
        container: "mp4",
        rotation: 0,
      });
      expect(codes(checkClip(info))).toEqual(["too_long"]);
      expect(checkClip(info)[0]!.message).toBe(
        "This video is too long: 30 s; the model takes 3 to 10 s. Choose up to 10 s of it.",
      );
      expect(clipVerdict(info)).toBe("fixable");

      const progress: number[] = [];
      const prepared = await prepareClip(file, { onProgress: (fraction) => progress.push(fraction) });
      expect(prepared.changes).toEqual(["trimmed"]);
      expect(prepared.audio).toBe("copied");
      const out = await expectConformed(prepared, 10);
      expect(out).toMatchObject({ width: 1080, height: 1920, fps: 30, audioCodec: "aac" });
      expect(progress.at(-1)).toBe(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    },
    SLOW,
  );

  test(
    "8 s cut off a key frame: exact, the video re-encoded, the AAC copied",
    async () => {
      const file = await loadClip("portrait");
      const prepared = await prepareClip(file, { start: 5, end: 13 });
      expect(prepared.changes).toEqual(["trimmed", "transcoded"]);
      expect(prepared.audio).toBe("copied");
      const out = await expectConformed(prepared, 8);
      expect(out).toMatchObject({ width: 1080, height: 1920, fps: 30, audioCodec: "aac" });
    },
    SLOW,
  );
});

test(
  "a 12 s VP9/Opus WebM screen recording: trimmed and converted to H.264 MP4, the sound kept",
  async () => {
    const file = await loadClip("screen");
    const info = await inspectClip(file);
    expect(info).toMatchObject({ width: 1280, height: 720, videoCodec: "vp9", audioCodec: "opus", container: "webm" });
    expect(codes(checkClip(info))).toEqual(["too_long", "container", "codec"]);
    expect(checkClip(info)[1]!.message).toBe(
      "The clip's format is WebM; the model takes MP4 or MOV. It can be rewritten as MP4.",
    );
    expect(checkClip(info)[2]!.message).toBe(
      "The clip's video is VP9; the model takes H.264. It can be converted where this browser can read VP9.",
    );

    const prepared = await prepareClip(file);
    expect(prepared.changes).toEqual(["trimmed", "transcoded"]);
    // AAC where this browser encodes it; where it does not (this Chromium), the Opus packets as they are.
    const aac = await canEncodeAudio("aac");
    expect(prepared.audio).toBe(aac ? "aac" : "copied");
    const out = await expectConformed(prepared, 10);
    expect(out.audioCodec).toBe(aac ? "aac" : "opus");
  },
  SLOW,
);

test(
  "a 640×360 clip: named too small, scaled up to 1280×720 keeping its shape",
  async () => {
    const file = await loadClip("small");
    const info = await inspectClip(file);
    expect(codes(checkClip(info))).toEqual(["too_small"]);
    expect(checkClip(info)[0]!.message).toBe(
      "The clip is 640×360 px; each side must be 720–2160 px. It can be scaled to 1280×720.",
    );

    const prepared = await prepareClip(file);
    expect(prepared.changes).toEqual(["scaled", "transcoded"]);
    const out = await expectConformed(prepared, 5);
    expect(out).toMatchObject({ width: 1280, height: 720, fps: 25, audioCodec: "aac" });
  },
  SLOW,
);

test(
  "a 90 fps clip: named for its frame rate, brought to 45 fps (every other frame)",
  async () => {
    const file = await loadClip("fast");
    const info = await inspectClip(file);
    expect(info.fps).toBe(90);
    expect(codes(checkClip(info))).toEqual(["fps"]);
    expect(checkClip(info)[0]!.message).toBe(
      "The clip runs at 90 fps; the model takes 24–60 fps. It can be converted to 45 fps.",
    );

    const prepared = await prepareClip(file);
    expect(prepared.changes).toEqual(["fps", "transcoded"]);
    const out = await expectConformed(prepared, 4);
    expect(out).toMatchObject({ width: 1280, height: 720, fps: 45 });
  },
  SLOW,
);

describe("a 15 s clip without sound, stored 1920×1080 and turned a quarter, in a .mov", () => {
  test(
    "is read as shown (1080×1920); cut at a key frame, its packets go into an MP4 as they are",
    async () => {
      const file = await loadClip("silent");
      const info = await inspectClip(file);
      expect(info).toMatchObject({ width: 1080, height: 1920, audioCodec: null, container: "mov" });
      expect([90, 270]).toContain(info.rotation);
      expect(codes(checkClip(info))).toEqual(["too_long"]);

      const prepared = await prepareClip(file, { start: 4, end: 14 });
      expect(prepared.changes).toEqual(["trimmed", "remuxed"]);
      expect(prepared.audio).toBe("none");
      const out = await expectConformed(prepared, 10);
      expect(out).toMatchObject({ width: 1080, height: 1920, rotation: info.rotation, audioCodec: null });
    },
    SLOW,
  );

  test(
    "cut off a key frame, it is re-encoded and still shown upright",
    async () => {
      const prepared = await prepareClip(await loadClip("silent"), { start: 1, end: 11 });
      expect(prepared.changes).toEqual(["trimmed", "transcoded"]);
      const out = await expectConformed(prepared, 10);
      expect(out).toMatchObject({ width: 1080, height: 1920, audioCodec: null });
    },
    SLOW,
  );
});
