// The clip engine's module boundary, for the form's logic in jsdom: `inspectClip`,
// `canPrepareClip` and `prepareClip` as the test steers them (jsdom has no WebCodecs to prepare
// a clip with; real preparation is proven in Chromium). Use in a test file with
//   vi.mock("../../src/core/clip/index", () => import("../components/clip-engine"));
import { vi } from "vitest";
import type { ClipInfo, PreparedClip } from "../../src";

/** A clip the model takes as it is. */
export const FITTING: ClipInfo = {
  durationSeconds: 4,
  width: 1280,
  height: 720,
  fps: 24,
  videoCodec: "avc",
  audioCodec: "aac",
  container: "mp4",
  bytes: 1000,
  rotation: 0,
};

/** What the file read as, by name (`FITTING` for any other). */
export const clips = new Map<string, ClipInfo>();

export const engine = {
  inspectClip: vi.fn(
    async (file: Blob): Promise<ClipInfo> => clips.get((file as File).name) ?? { ...FITTING, bytes: file.size },
  ),
  canPrepareClip: vi.fn(async (info: ClipInfo) => info.videoCodec !== "hevc"),
  prepareClip: vi.fn((file: Blob, options: { signal?: AbortSignal }): Promise<PreparedClip> => {
    void file;
    void options;
    return new Promise(() => undefined);
  }),
};

export const inspectClip = (file: Blob) => engine.inspectClip(file);
export const canPrepareClip = (info: ClipInfo) => engine.canPrepareClip(info);
export const prepareClip = (file: Blob, options: { signal?: AbortSignal }) => engine.prepareClip(file, options);

/** A clip file of `info`'s figures, named so that the engine reads it as them. */
export function clipFile(name: string, info: Partial<ClipInfo> = {}, type = "video/mp4"): File {
  clips.set(name, { ...FITTING, ...info });
  return new File(["clip"], name, { type });
}

/** A prepared clip as `prepareClip` answers: an MP4 of `info`'s figures. */
export function preparedClip(info: Partial<ClipInfo>, changes: PreparedClip["changes"]): PreparedClip {
  const file = new File(["prepared"], "prepared.mp4", { type: "video/mp4" });
  return { file, info: { ...FITTING, bytes: file.size, ...info }, changes, audio: "copied" };
}
