// Off the page's thread: the engine in a dedicated worker, as an app's own code or through
// serveClipWorker / prepareClipInWorker.
import { beforeAll, expect, test } from "vitest";
import { isKlingError, prepareClipInWorker, type PreparedClip } from "../../../src/index";
import { expectConformed } from "../../support/browser/clips/expect-clip";
import { clipsReady, CLIPS_READY_MS, loadClip } from "../../support/browser/clips/load";

beforeAll(clipsReady, CLIPS_READY_MS);

const SLOW = 180_000;
const startWorker = (url: URL) => new Worker(url, { type: "module" });

test(
  "prepareClip in an app's own worker: the same prepared clip, sent back to the page",
  async () => {
    const worker = startWorker(new URL("../../support/browser/clips/prepare.worker.ts", import.meta.url));
    try {
      const answer = new Promise<{ prepared?: PreparedClip; last?: number; error?: string }>((resolve, reject) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
      });
      worker.postMessage({ file: await loadClip("small"), options: {} });
      const { prepared, last, error } = await answer;
      expect(error).toBeUndefined();
      expect(prepared!.changes).toEqual(["scaled", "transcoded"]);
      expect(last).toBe(1);
      await expectConformed(prepared!, 5);
    } finally {
      worker.terminate();
    }
  },
  SLOW,
);

test(
  "prepareClipInWorker: progress, the prepared clip, errors as KlingErrors, cancel",
  async () => {
    const worker = startWorker(new URL("../../support/browser/clips/clip.worker.ts", import.meta.url));
    try {
      const progress: number[] = [];
      const prepared = await prepareClipInWorker(worker, await loadClip("fast"), {
        onProgress: (f) => progress.push(f),
      });
      expect(prepared.changes).toEqual(["fps", "transcoded"]);
      expect(progress.at(-1)).toBe(1);
      await expectConformed(prepared, 4);

      const short = await prepareClipInWorker(worker, await loadClip("short")).catch((e: unknown) => e);
      expect(isKlingError(short) && short.code).toBe("invalid_input");
      expect((short as Error).message).toBe(
        "The clip is 2 s long; the model takes 3–10 s. Choose a clip of at least 3 s.",
      );

      const controller = new AbortController();
      const cancelled = await prepareClipInWorker(worker, await loadClip("portrait"), {
        start: 5,
        end: 13,
        signal: controller.signal,
        onProgress: (fraction) => fraction > 0.05 && controller.abort(),
      }).catch((e: unknown) => e);
      expect(cancelled).toBe(controller.signal.reason);
      // The worker stopped that work and serves the next request.
      const next = await prepareClipInWorker(worker, await loadClip("fits"));
      expect(next.changes).toEqual([]);
    } finally {
      worker.terminate();
    }
  },
  SLOW,
);
