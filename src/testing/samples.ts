// Sample clips shipped with the package (dist/samples/): playable inputs the model takes, so an
// app's tests, stories and demos have a clip without cloning this repository. In the sources they
// are links to public/samples/, which scripts/make-samples.sh makes; the build copies them.
import type * as NodeFs from "node:fs/promises";

/** The shipped sample clips. */
export type SampleClipName = "source" | "edited" | "portrait";

/** What a sample clip is: H.264 baseline + AAC in MP4, a frame counter and a label burnt in. */
export interface SampleClipInfo {
  /** Displayed size, pixels: each side within the model's 720–2160. */
  width: number;
  height: number;
  /** Within the model's 3–10 s. */
  durationSeconds: number;
  fps: number;
  /** File size, bytes. */
  bytes: number;
  /** What it shows. */
  label: string;
}

export const SAMPLE_CLIPS: Readonly<Record<SampleClipName, SampleClipInfo>> = {
  source: { width: 1280, height: 720, durationSeconds: 4, fps: 24, bytes: 79_488, label: "colour bars, ORIGINAL" },
  edited: {
    width: 1280,
    height: 720,
    durationSeconds: 4,
    fps: 24,
    bytes: 78_630,
    label: "the same bars, hue turned, EDITED",
  },
  portrait: { width: 720, height: 1280, durationSeconds: 4, fps: 24, bytes: 72_480, label: "portrait bars, PORTRAIT" },
};

// Each URL written out as `new URL("./samples/<file>", import.meta.url)`: the form that Vite,
// webpack, Rollup and Parcel recognise, so an app's bundle copies the file it points at.
const URLS: Record<SampleClipName, () => URL> = {
  source: () => new URL("./samples/source.mp4", import.meta.url),
  edited: () => new URL("./samples/edited.mp4", import.meta.url),
  portrait: () => new URL("./samples/portrait.mp4", import.meta.url),
};

/**
 * The absolute URL of a shipped sample clip: `file:` in Node, the page's own server in a bundled
 * app (the bundler copies the file). The API takes http(s) URLs only: for a simulated backend in
 * a page, use it as it is; in Node, serve the file (or `loadSampleClip` it) first.
 */
export function sampleClipUrl(name: SampleClipName = "source"): string {
  const url = URLS[name];
  if (!url) throw new TypeError(`No sample clip "${String(name)}"; there are ${Object.keys(URLS).join(", ")}.`);
  return url().href;
}

/**
 * Node's file reader, without an import a bundler (or workerd's module loader) would follow into
 * a page or a worker: `process.getBuiltinModule` (Node 20.16 and 22.3 on, Deno, Bun).
 */
function nodeReadFile(): typeof NodeFs.readFile {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = node?.getBuiltinModule?.("node:fs/promises") as typeof NodeFs | undefined;
  if (!fs)
    throw new Error("Reading a sample clip from disk needs Node 20.16 or 22.3 and later (process.getBuiltinModule).");
  return fs.readFile;
}

async function readClip(url: string): Promise<ArrayBuffer> {
  if (url.startsWith("file:")) {
    const bytes = await nodeReadFile()(new URL(url));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(
      `The sample clip at ${url} answered ${response.status}: is the bundler copying react-kling-edit's dist/samples?`,
    );
  return response.arrayBuffer();
}

/** A shipped sample clip as a `File` (`<name>.mp4`, `video/mp4`), in Node or a page: for an upload, `inspectClip`, a form. */
export async function loadSampleClip(name: SampleClipName = "source"): Promise<File> {
  const bytes = await readClip(sampleClipUrl(name));
  const fileName = `${name}.mp4`;
  // Node 18 has Blob but no global File.
  if (typeof File !== "function")
    return Object.assign(new Blob([bytes], { type: "video/mp4" }), {
      name: fileName,
      lastModified: 0,
    }) as unknown as File;
  return new File([bytes], fileName, { type: "video/mp4" });
}
