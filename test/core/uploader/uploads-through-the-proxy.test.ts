// The whole upload in jsdom: the ticket from the real proxy (identify, authorize, s3Uploads on
// the fake storage), the PUT with jsdom's own XMLHttpRequest through msw to the fake storage,
// which checks the signature, the signed headers and the length before it stores anything.
import { describe, expect, expectTypeOf, test, vi } from "vitest";
import { KlingError } from "../../../src/core/errors";
import { createProxyUploader, type ProxyUploaderOptions } from "../../../src/core/uploader";
import type { UploadTicket } from "../../../src/core/uploads";
import type { KlingProxyAction, KlingUploadTicket } from "../../../src/server";
import { clip, clipFile, fakeVideoMetadata, PAGE, putsOf, PROXY_URL, setupUploads, ticketRequestsOf } from "./support";

// The browser's ticket and the server's are one shape.
expectTypeOf<UploadTicket>().toEqualTypeOf<KlingUploadTicket>();

const { ctx, restart } = setupUploads();
fakeVideoMetadata();

function start(options: Partial<ProxyUploaderOptions> = {}, file = clipFile()) {
  const progress: number[] = [];
  const done = createProxyUploader({ proxyUrl: PROXY_URL, ...options })(file, {
    onProgress: (fraction) => progress.push(fraction),
    signal: new AbortController().signal,
  });
  return {
    done,
    progress,
    failure: done.then(
      () => undefined,
      (error: unknown) => error as KlingError,
    ),
  };
}

describe("an upload that works", () => {
  test("resolves to the ticket's url, which serves the file's bytes; progress goes from 0 to 1", async () => {
    const { done, progress } = start();
    const url = await done;
    const served = await ctx.storage.fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("video/mp4");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(clip);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  test("the proxy is asked for exactly this file, with the app's headers, per request", async () => {
    const actions: KlingProxyAction[] = [];
    const users: Array<string | null> = [];
    restart({
      proxy: () => ({
        identify: (request) => (users.push(request.headers.get("x-app-user")), users.at(-1)),
        authorize: (_request, action) => (actions.push(action), true),
      }),
    });
    let n = 0;
    const headers = vi.fn(() => ({ "x-app-user": `user-${++n}` }));
    await start({ headers }).done;
    await start({ headers }, clipFile("holiday.mov", "video/quicktime")).done;
    expect(users).toEqual(["user-1", "user-2"]);
    expect(actions).toEqual([
      { type: "upload", kind: "video", contentType: "video/mp4", size: clip.byteLength, name: "source.mp4" },
      { type: "upload", kind: "video", contentType: "video/quicktime", size: clip.byteLength, name: "holiday.mov" },
    ]);
    // One folder per user.
    const folders = [...ctx.storage.objects.keys()].map((key) => key.split("/")[1]);
    expect(new Set(folders).size).toBe(2);
    expect([...ctx.storage.objects.values()].map((object) => object.type)).toEqual(["video/mp4", "video/quicktime"]);
  });

  test("the PUT carries exactly the ticket's headers and the file's size", async () => {
    const tickets: KlingUploadTicket[] = [];
    restart({
      proxy: (storage) => {
        const uploads = storage.uploads();
        return {
          uploads: { presign: async (request) => (tickets.push(await uploads.presign(request)), tickets.at(-1)!) },
        };
      },
    });
    await start().done;
    expect(tickets[0]!.headers).toEqual({ "content-type": "video/mp4" });
    expect(new URL(tickets[0]!.uploadUrl).searchParams.get("X-Amz-SignedHeaders")).toBe(
      "content-length;content-type;host",
    );
    expect(putsOf(ctx.storage)).toEqual([expect.objectContaining({ status: 200 })]);
  });

  test("a proxyUrl with a trailing slash or an absolute one reaches the same route", async () => {
    await start({ proxyUrl: `${PROXY_URL}/` }).done;
    await start({ proxyUrl: `${PAGE}${PROXY_URL}` }).done;
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(2);
  });
});

describe("refusals come back as KlingErrors with the server's words, and nothing is stored", () => {
  test("signed out: 401 unauthorized, nothing sent to the storage", async () => {
    ctx.proxy.signIn(null);
    const error = await start().failure;
    expect(error).toMatchObject({ code: "unauthorized", status: 401, message: "Sign in to use the video editor." });
    expect(ctx.storage.requests).toEqual([]);
  });

  test("authorize says no: 403 forbidden; asked once, not again", async () => {
    restart({ proxy: () => ({ authorize: () => false }) });
    expect(await start().failure).toMatchObject({ code: "forbidden", status: 403 });
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
    expect(ctx.storage.requests).toEqual([]);
  });

  test("a proxy without uploads: 404 not_found", async () => {
    restart({ proxy: () => ({ uploads: undefined }) });
    expect(await start().failure).toMatchObject({ code: "not_found", status: 404 });
  });

  test("a storage that fails to sign: 500 internal_error, not asked again", async () => {
    restart({ proxy: () => ({ uploads: { presign: () => Promise.reject(new Error("secret")) } }) });
    const error = await start().failure;
    expect(error).toMatchObject({ code: "internal_error", status: 500, message: "The upload could not be prepared." });
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
  });

  test("a proxy whose answer is not a ticket: bad_response", async () => {
    const fetchNotATicket: typeof fetch = async () => Response.json({ url: "https://x.example/a" });
    const error = await start({ fetch: fetchNotATicket }).failure;
    expect(error).toBeInstanceOf(KlingError);
    expect(error).toMatchObject({
      code: "bad_response",
      message: "The answer of POST /api/kling/uploads is not an upload ticket.",
    });
    expect(ctx.storage.requests).toEqual([]);
  });

  test("a signature the storage does not accept (a valid ticket, the wrong key) fails at once, one PUT", async () => {
    restart({ proxy: (storage) => ({ uploads: storage.uploads({ secretAccessKey: "not-the-storage-secret" }) }) });
    const error = await start().failure;
    expect(error).toMatchObject({ code: "forbidden", status: 403 });
    expect(error!.message).toMatch(
      /^The storage refused the upload \(403 SignatureDoesNotMatch: The request signature does not match/,
    );
    expect(putsOf(ctx.storage)).toHaveLength(1);
    expect(ctx.storage.objects.size).toBe(0);
  });

  test("a 400 of the storage (an object over its own limit) fails at once, one PUT", async () => {
    restart({ storage: { maxObjectBytes: 1024 } });
    const error = await start().failure;
    expect(error).toMatchObject({
      code: "invalid_input",
      status: 400,
      message: "The storage refused the upload (400 EntityTooLarge: Objects here are at most 1024 bytes.).",
    });
    expect(putsOf(ctx.storage)).toHaveLength(1);
  });
});
