// The engine also runs in a dedicated worker that an app makes itself, off the page's thread.
import { expect, test } from "vitest";
import type { PreparedClip } from "../../../src/index";
import { expectConformed } from "./expect-clip";
import { loadClip } from "./load";

test("prepareClip in an app's own worker: the same prepared clip, sent back to the page", async () => {
  const worker = new Worker(new URL("./prepare.worker.ts", import.meta.url), { type: "module" });
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
}, 180_000);
