// Clips people really have, made by ffmpeg at test time (nothing large in the repository):
// tiny (ultrafast, a high CRF, a test pattern and a tone), and made again only when a recipe
// changes (its hash is in the file name). Used by the browser tests' globalSetup and the bench.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH || "/usr/bin/ffmpeg";

/** Where the clips go: gitignored, under the project root, so the test server serves them. */
export const CLIPS_DIR = new URL("./.generated/", import.meta.url).pathname;
/** The URL path the browser fetches them from (the test server's root is the project's). */
export const CLIPS_URL = "/test/support/browser/clips/.generated/";

const pattern = (size: string, rate: number, seconds: number) => [
  "-f",
  "lavfi",
  "-i",
  `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
];
const tone = (seconds: number) => ["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${seconds}`];
// A key frame every 2 s, as phones write them; small and fast to make.
const h264 = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "40", "-g", "60", "-pix_fmt", "yuv420p"];
const aac = ["-c:a", "aac", "-b:a", "64k"];

/** One ffmpeg recipe per kind of clip; the names are what tests ask for. */
export const CLIP_RECIPES = {
  /** A phone clip: 30 s, portrait 1080×1920, 30 fps, H.264/AAC MP4. */
  portrait: { ext: "mp4", args: [...pattern("1080x1920", 30, 30), ...tone(30), ...h264, ...aac] },
  /** A screen recording: 12 s, VP9/Opus WebM, 1280×720, 30 fps. */
  screen: {
    ext: "webm",
    args: [
      ...pattern("1280x720", 30, 12),
      ...tone(12),
      "-c:v",
      "libvpx-vp9",
      "-deadline",
      "realtime",
      "-cpu-used",
      "8",
      "-b:v",
      "300k",
      "-g",
      "60",
      "-c:a",
      "libopus",
      "-b:a",
      "48k",
    ],
  },
  /** An old or messaging-app clip: 5 s, 640×360, 25 fps. */
  small: { ext: "mp4", args: [...pattern("640x360", 25, 5), ...tone(5), ...h264, ...aac] },
  /** Slow-motion capture: 4 s at 90 fps, 1280×720. */
  fast: {
    ext: "mp4",
    args: [...pattern("1280x720", 90, 4), ...tone(4), ...h264.slice(0, -4), "-g", "180", "-pix_fmt", "yuv420p", ...aac],
  },
  /** No sound, stored 1920×1080 and turned a quarter (shown 1080×1920), 15 s, in a .mov. */
  silent: {
    ext: "mov",
    args: [...pattern("1920x1080", 30, 15), ...h264, "-an"],
    // ffmpeg 5 writes the rotation only when copying packets: a second pass sets it.
    then: ["-c", "copy", "-metadata:s:v:0", "rotate=90"],
  },
  /** Too short: 2 s, 1280×720. */
  short: { ext: "mp4", args: [...pattern("1280x720", 30, 2), ...tone(2), ...h264, ...aac] },
  /** An iPhone's 4K HEVC .mov, short. */
  hevc: {
    ext: "mov",
    args: [
      ...pattern("3840x2160", 24, 3),
      ...tone(3),
      "-c:v",
      "libx265",
      "-preset",
      "ultrafast",
      "-crf",
      "40",
      "-tag:v",
      "hvc1",
      "-pix_fmt",
      "yuv420p",
      "-x265-params",
      "log-level=error",
      ...aac,
    ],
  },
  /** Already fits: 5 s, 1280×720, 30 fps, H.264/AAC MP4. */
  fits: { ext: "mp4", args: [...pattern("1280x720", 30, 5), ...tone(5), ...h264, ...aac] },
} as const satisfies Record<string, { ext: string; args: readonly string[]; then?: readonly string[] }>;

export type ClipName = keyof typeof CLIP_RECIPES;

const fileName = (name: ClipName) => {
  const recipe: { ext: string; args: readonly string[]; then?: readonly string[] } = CLIP_RECIPES[name];
  const hash = createHash("sha256")
    .update([...recipe.args, ...(recipe.then ?? [])].join(" "))
    .digest("hex")
    .slice(0, 8);
  const ext = recipe.ext;
  return `${name}-${hash}.${ext}`;
};

/** File name of each clip, by kind: what the browser fetches under `CLIPS_URL`. */
export type ClipFiles = Record<ClipName, string>;

/** Makes the clips that are missing (one at a time: the machine is shared), drops stale ones. */
export async function makeClips(): Promise<ClipFiles> {
  await mkdir(CLIPS_DIR, { recursive: true });
  const files = Object.fromEntries(
    Object.keys(CLIP_RECIPES).map((name) => [name, fileName(name as ClipName)]),
  ) as ClipFiles;
  const wanted = new Set(Object.values(files));
  for (const stale of (await readdir(CLIPS_DIR)).filter((file) => !wanted.has(file)))
    await rm(join(CLIPS_DIR, stale), { force: true });
  for (const [name, file] of Object.entries(files) as [ClipName, string][]) {
    const path = join(CLIPS_DIR, file);
    if (existsSync(path)) continue;
    const partial = join(CLIPS_DIR, `partial-${file}`);
    const recipe: { ext: string; args: readonly string[]; then?: readonly string[] } = CLIP_RECIPES[name];
    const faststart = recipe.ext === "webm" ? [] : ["-movflags", "+faststart"];
    const ffmpeg = (args: readonly string[], out: string) =>
      run(FFMPEG, ["-hide_banner", "-loglevel", "error", "-y", ...args, ...faststart, out]);
    await ffmpeg([...recipe.args, "-shortest"], partial);
    if (recipe.then) {
      const first = join(CLIPS_DIR, `first-${file}`);
      await rename(partial, first);
      await ffmpeg(["-i", first, ...recipe.then], partial);
      await rm(first);
    }
    // Renamed once whole, so an interrupted run leaves no half clip behind a good name.
    await rename(partial, path);
  }
  return files;
}
