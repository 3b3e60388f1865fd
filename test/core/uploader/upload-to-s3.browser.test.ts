// The uploader in real Chromium against a real S3-protocol server that checks SigV4 (started by
// s3-setup.ts): the ticket comes from the real proxy running in the page with s3Uploads (Web
// Crypto), the file goes up with XMLHttpRequest through the bucket's CORS rule, with progress,
// and comes back byte for byte from the URL PixelDojo would read. No stand-in for the storage.
import { beforeAll, expect, inject, test } from "vitest";
import { commands } from "vitest/browser";
import { createProxyUploader } from "../../../src/core/uploader";
import { createKlingProxy } from "../../../src/server/proxy";
import { s3Uploads } from "../../../src/server/uploads/s3";
import type { KlingUploads } from "../../../src/server/uploads/types";

const s3 = inject("s3");
beforeAll(() => commands.allowOriginOnTestBucket(location.origin));

/** The proxy as an app mounts it, answering the page's fetch at /api/kling. */
function proxyFetch(uploads: KlingUploads): typeof fetch {
  const proxy = createKlingProxy({
    apiKey: "not-used-by-uploads",
    basePath: "/api/kling",
    identify: () => "alice",
    authorize: () => true,
    uploads,
    log: () => undefined,
  });
  return async (input, init) => proxy(new Request(new URL(String(input), location.origin), init));
}

const sample = async () =>
  new File([await (await fetch("/samples/source.mp4")).arrayBuffer()], "source.mp4", { type: "video/mp4" });

test("a 4 s mp4 goes to the bucket with progress and is served back byte for byte; a <video> plays it", async () => {
  const file = await sample();
  const upload = createProxyUploader({ proxyUrl: "/api/kling", fetch: proxyFetch(s3Uploads(s3)) });
  const progress: number[] = [];
  const url = await upload(file, {
    onProgress: (fraction) => progress.push(fraction),
    signal: new AbortController().signal,
  });

  expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/kling-uploads/`)).toBe(true);
  // Chromium's own upload events (between the uploader's 0 and its final 1) reached the end.
  expect(progress.length).toBeGreaterThan(2);
  expect(progress.slice(1, -1)).toContain(1);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  const served = await fetch(url);
  expect(served.status).toBe(200);
  expect(served.headers.get("content-type")).toBe("video/mp4");
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(await file.arrayBuffer()));

  const video = document.createElement("video");
  video.muted = true;
  video.src = url;
  await new Promise((resolve, reject) => {
    video.onloadedmetadata = resolve;
    video.onerror = () => reject(new Error(video.error?.message ?? "media error"));
  });
  expect(video.duration).toBeCloseTo(4, 0);
});

test("a ticket whose headers were changed after signing is refused by the server at once", async () => {
  const signer = s3Uploads(s3);
  // A broken storage adapter: the PUT would carry a content type the signature does not cover.
  const tampered: KlingUploads = {
    presign: async (request) => ({
      ...(await signer.presign(request)),
      headers: { "content-type": "video/quicktime" },
    }),
  };
  const upload = createProxyUploader({ proxyUrl: "/api/kling", fetch: proxyFetch(tampered), retryDelayMs: () => 0 });
  const error = await upload(await sample(), {
    onProgress: () => undefined,
    signal: new AbortController().signal,
  }).catch((reason: unknown) => reason);
  expect(error).toMatchObject({ code: "forbidden", status: 403 });
  expect((error as Error).message).toMatch(/^The storage refused the upload \(403 SignatureDoesNotMatch/);
});
