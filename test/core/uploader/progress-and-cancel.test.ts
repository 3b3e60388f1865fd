// Progress as the browser reports it, and cancelling at every step: the promise rejects with the
// signal's reason, the request in flight is aborted, nothing more is sent and no URL comes back.
// The PUT is a SteppedXhr the test drives; a delivered one is judged by the fake storage.
import { describe, expect, test, vi } from "vitest";
import { createProxyUploader } from "../../../src/core/uploader";
import { flushIO } from "../../support/kling";
import {
  clip,
  clipFile,
  fakeVideoMetadata,
  PROXY_URL,
  setupUploads,
  steppedXhrs,
  ticketRequestsOf,
  until,
} from "./support";

const { ctx } = setupUploads();
/** ProgressEvent counts whole bytes: 25 % of an odd size is a hair under a quarter. */
const percent = (fraction: number) => Math.round(fraction * 100);
const media = fakeVideoMetadata();

function start(controller = new AbortController()) {
  const { xhrs, createXhr } = steppedXhrs(() => ctx.storage);
  const progress: number[] = [];
  const file = clipFile();
  const done = createProxyUploader({ proxyUrl: PROXY_URL, createXhr })(file, {
    onProgress: (fraction) => progress.push(fraction),
    signal: controller.signal,
  });
  const outcome = done.then(
    (url) => ({ url }),
    (error: unknown) => ({ error }),
  );
  return {
    xhrs,
    progress,
    file,
    done,
    outcome,
    controller,
    put: () => until(() => xhrs.length > 0, "the PUT").then(() => xhrs[0]!),
  };
}

describe("progress", () => {
  test("is the share of bytes sent, from 0, in order, to 1 when the storage has the file", async () => {
    const upload = start();
    const xhr = await upload.put();
    expect([xhr.method, xhr.headers, xhr.body]).toEqual(["PUT", { "content-type": "video/mp4" }, upload.file]);
    xhr.progress(clip.byteLength / 4);
    xhr.progress(clip.byteLength / 2);
    xhr.progress(clip.byteLength, false); // a length the browser could not compute says nothing
    expect(upload.progress.map(percent)).toEqual([0, 25, 50]);
    await xhr.deliver();
    const url = await upload.done;
    expect(upload.progress.map(percent)).toEqual([0, 25, 50, 100, 100]);
    expect(new Uint8Array(await (await ctx.storage.fetch(url)).arrayBuffer())).toEqual(clip);
  });
});

describe("cancel", () => {
  test("mid-upload: the PUT is aborted, the promise rejects with the reason, nothing more is sent", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const upload = start();
    const xhr = await upload.put();
    xhr.progress(clip.byteLength / 2);
    const reason = new DOMException("The user cancelled.", "AbortError");
    upload.controller.abort(reason);
    expect(await upload.outcome).toEqual({ error: reason });
    expect(xhr.aborted).toBe(true);
    xhr.progress(clip.byteLength); // a late event changes nothing
    await vi.advanceTimersByTimeAsync(120_000);
    expect(upload.xhrs).toHaveLength(1);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
    expect(ctx.storage.requests).toEqual([]);
    expect(upload.progress.map(percent)).toEqual([0, 50]);
  });

  test("while waiting to retry: no retry is sent", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const upload = start();
    (await upload.put()).drop();
    await vi.advanceTimersByTimeAsync(500);
    upload.controller.abort("stop");
    expect(await upload.outcome).toEqual({ error: "stop" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(upload.xhrs).toHaveLength(1);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
  });

  test("as the last byte lands: the storage has it, but no URL comes back", async () => {
    const upload = start();
    const xhr = await upload.put();
    xhr.addEventListener("load", () => upload.controller.abort("too late"));
    await xhr.deliver();
    expect(await upload.outcome).toEqual({ error: "too late" });
    // The browser's last report (all bytes sent), but not the uploader's own "done".
    expect(upload.progress).toEqual([0, 1]);
  });

  test("while the length is read: no ticket is asked for, the object URL is revoked", async () => {
    media.answer = "silence";
    const upload = start();
    await until(() => media.videos.length > 0, "the <video>");
    upload.controller.abort("changed my mind");
    expect(await upload.outcome).toEqual({ error: "changed my mind" });
    expect(media.revoked).toEqual(media.created);
    await flushIO();
    expect(ticketRequestsOf(ctx.proxy)).toEqual([]);
  });

  test("while the ticket is on its way: no PUT", async () => {
    const upload = start();
    await until(() => ticketRequestsOf(ctx.proxy).length > 0, "the ticket request");
    upload.controller.abort("no");
    expect(await upload.outcome).toEqual({ error: "no" });
    await flushIO();
    expect(upload.xhrs).toEqual([]);
  });

  test("before it starts: nothing at all", async () => {
    const controller = new AbortController();
    controller.abort("never mind");
    const upload = start(controller);
    expect(await upload.outcome).toEqual({ error: "never mind" });
    expect(media.videos).toEqual([]);
    expect(ticketRequestsOf(ctx.proxy)).toEqual([]);
  });
});
