// @vitest-environment node
// The sample clips that `react-kling-edit/testing` ships: there for a package user (the URL
// points at a file, the loader reads it in Node) and valid for the model by the library's own
// reading of them (sides of 720 px and more, 3–10 s, 24–60 fps, H.264 in MP4). In Node, as a
// package user's test runner loads it (a page's bundler turns the URLs into its own).
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkClip } from "../../src/core";
import { inspectClip } from "../../src";
import { loadSampleClip, SAMPLE_CLIPS, sampleClipUrl, type SampleClipName } from "../../src/testing";

const NAMES = Object.keys(SAMPLE_CLIPS) as SampleClipName[];

describe("the shipped sample clips", () => {
  it.each(NAMES)("%s.mp4: its URL names a file of the size the package states", (name) => {
    const url = sampleClipUrl(name);
    expect(url).toMatch(new RegExp(`^file:.*/samples/${name}\\.mp4$`));
    expect(statSync(fileURLToPath(url)).size).toBe(SAMPLE_CLIPS[name].bytes);
  });

  it.each(NAMES)("%s.mp4 loads as a File the model takes, as SAMPLE_CLIPS describes it", async (name) => {
    const file = await loadSampleClip(name);
    expect(file).toMatchObject({ name: `${name}.mp4`, type: "video/mp4", size: SAMPLE_CLIPS[name].bytes });
    const info = await inspectClip(file);
    const { width, height, durationSeconds, fps } = SAMPLE_CLIPS[name];
    expect(info).toMatchObject({ width, height, fps, videoCodec: "avc", container: "mp4" });
    expect(info.durationSeconds).toBeCloseTo(durationSeconds, 1);
    expect(checkClip(info)).toEqual([]);
  });

  it("the source clip by default; an unknown name is refused with the names there are", async () => {
    expect(sampleClipUrl()).toBe(sampleClipUrl("source"));
    expect((await loadSampleClip()).name).toBe("source.mp4");
    expect(() => sampleClipUrl("missing" as SampleClipName)).toThrow(/source, edited, portrait/);
  });
});
