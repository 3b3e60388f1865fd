// Preparing clips in real Chromium: the time to cut 8 s out of a 30 s 1080×1920 phone clip with
// an exact cut (the video re-encoded) and at a key frame (packets copied), the time for a clip
// that already fits, the bytes that would be uploaded before and after, the JS heap's peak, and
// how long the page's own thread is held (tasks over 50 ms), since the engine runs on it.
import { it } from "vitest";
import { commands } from "vitest/browser";
import { prepareClip, type PrepareClipOptions } from "../../../src";
import type { ClipName } from "../../../test/support/browser/clips/make-clips";
import { record } from "../record";

const RUNS = 3;

async function clip(name: ClipName): Promise<File> {
  const url = await commands.testClipUrl(name);
  return new File([await (await fetch(url)).blob()], url.slice(url.lastIndexOf("/") + 1), { type: "video/mp4" });
}

// Chromium's heap figure (precise with --enable-precise-memory-info); ArrayBuffers of the file
// and the output are outside it, so it is the engine's own working memory.
const heap = () => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;

/** Main-thread tasks over 50 ms while `run` runs (what a page would feel as jank). */
async function longTasks<T>(run: () => Promise<T>): Promise<{ result: T; longest: number; total: number }> {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) =>
    durations.push(...list.getEntries().map((entry) => entry.duration)),
  );
  observer.observe({ type: "longtask" });
  const result = await run();
  durations.push(...observer.takeRecords().map((entry) => entry.duration));
  observer.disconnect();
  return { result, longest: Math.max(0, ...durations), total: durations.reduce((sum, d) => sum + d, 0) };
}

async function measure(file: File, options: PrepareClipOptions) {
  const times: number[] = [];
  let peak = 0;
  let longest = 0;
  let blocked = 0;
  const cpu: number[] = [];
  let result;
  for (let run = 0; run < RUNS; run++) {
    const base = heap();
    const sample = () => (peak = Math.max(peak, heap() - base));
    const cpuBefore = await commands.chromiumCpuSeconds();
    const started = performance.now();
    const tasks = await longTasks(() => prepareClip(file, { ...options, onProgress: sample }));
    times.push(performance.now() - started);
    const cpuAfter = await commands.chromiumCpuSeconds();
    if (cpuBefore !== null && cpuAfter !== null) cpu.push(cpuAfter - cpuBefore);
    result = tasks.result;
    longest = Math.max(longest, tasks.longest);
    blocked = Math.max(blocked, tasks.total);
    sample();
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const cpuMedian = cpu.length ? cpu[Math.floor(cpu.length / 2)]! : NaN;
  return { times, median: times[Math.floor(RUNS / 2)]!, cpuMedian, peak, longest, blocked, result: result! };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

it("Clip preparation in Chromium", { timeout: 600_000 }, async () => {
  const portrait = await clip("portrait");
  const fits = await clip("fits");
  // Warm-up: the media chunk loaded and the encoder's first start paid once, as in an app
  // where the clip was inspected (which loads the chunk) before it is prepared.
  await prepareClip(fits, { start: 1, end: 4 });

  const cases: Array<[string, File, PrepareClipOptions, string]> = [
    ["8 s of the 30 s 1080×1920 clip, exact cut at 5 s (off a key frame)", portrait, { start: 5, end: 13 }, "≤ 2.0 s"],
    ["8 s of the 30 s 1080×1920 clip, cut at a key frame (4 s)", portrait, { start: 4, end: 12 }, ""],
    ["a 5 s 1280×720 clip that already fits", fits, {}, "< 0.1 s"],
  ];
  const rows = [];
  for (const [label, file, options, goal] of cases) {
    const { times, median, cpuMedian, peak, longest, blocked, result } = await measure(file, options);
    rows.push({
      case: label,
      changes: result.changes.join(", ") || "none (same file)",
      [`median of ${RUNS}`]: s(median),
      runs: times.map(s).join(", "),
      // All Chromium processes: the page, the codecs' threads, the GPU process (idle here).
      "Chromium CPU (median)": Number.isNaN(cpuMedian) ? "n/a" : `${cpuMedian.toFixed(2)} s`,
      goal,
      "bytes before": mb(file.size),
      "bytes after": mb(result.file.size),
      "JS heap peak": Number.isNaN(peak) ? "n/a" : mb(peak),
      "longest main-thread task": `${Math.round(longest)} ms`,
      "main thread in long tasks": `${Math.round(blocked)} ms`,
    });
  }
  record("Clip preparation (Chromium, mediabunny on WebCodecs)", rows);
});
