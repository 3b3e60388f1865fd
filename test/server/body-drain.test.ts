// @vitest-environment node
import { afterEach, describe, expect, test, vi } from "vitest";
import { DRAIN_MAX_BYTES, DRAIN_MAX_MS, discardUnread } from "../../src/server/body";

/** A body of `chunks` 64 KiB chunks that counts what was pulled from it. */
function countedBody(chunks: number) {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(64 * 1024);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request("https://app.example/api/kling/nope", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("discardUnread: a body nobody read is drained before the answer, within bounds", () => {
  afterEach(() => vi.useRealTimers());

  test("reads an unread body to its end, keeping nothing", async () => {
    const { stream, state } = countedBody(80);
    await discardUnread(post(stream));
    expect(state).toEqual({ pulled: 80, cancelled: false });
  });

  test("cancels a body past the budget once the budget is read", async () => {
    const { stream, state } = countedBody(DRAIN_MAX_BYTES / (64 * 1024) + 100);
    await discardUnread(post(stream));
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(DRAIN_MAX_BYTES / (64 * 1024) + 20);
  });

  test("cancels at once a body declared past the budget", async () => {
    const { stream, state } = countedBody(1000);
    await discardUnread(post(stream, { "content-length": String(DRAIN_MAX_BYTES + 1) }));
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(20);
  });

  test("gives up on a body that stops coming after DRAIN_MAX_MS, on the clock", async () => {
    vi.useFakeTimers();
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>(() => undefined),
      cancel() {
        cancelled = true;
      },
    });
    let done = false;
    const draining = discardUnread(post(stalled)).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(DRAIN_MAX_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await draining;
    expect(cancelled).toBe(true);
  });

  test("leaves alone a body that is being read, and a request without one", async () => {
    const { stream, state } = countedBody(10);
    const request = post(stream);
    const reader = request.body!.getReader();
    await reader.read();
    await discardUnread(request);
    await discardUnread(new Request("https://app.example/"));
    expect(state.cancelled).toBe(false);
    expect(state.pulled).toBeLessThan(10);
  });
});
