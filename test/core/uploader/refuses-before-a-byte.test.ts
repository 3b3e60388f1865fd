// A file the model cannot take is refused in the browser, before a ticket is asked for or a
// byte is sent: by type and size (checkUpload), and for a video by the length the browser reads
// from the file itself (jsdom plays no media: fakeVideoMetadata answers as a browser would).
import { describe, expect, test, vi } from "vitest";
import { KlingError } from "../../../src/core/errors";
import { createProxyUploader } from "../../../src/core/uploader";
import { clip, clipFile, fakeVideoMetadata, putsOf, PROXY_URL, setupUploads, ticketRequestsOf } from "./support";

const { ctx } = setupUploads();
const media = fakeVideoMetadata();
const upload = (file: File, limits = {}) =>
  createProxyUploader({ proxyUrl: PROXY_URL, limits })(file, {
    onProgress: () => undefined,
    signal: new AbortController().signal,
  });

/** Nothing reached the proxy or the storage. */
function expectNothingSent() {
  expect(ticketRequestsOf(ctx.proxy)).toEqual([]);
  expect(ctx.storage.requests).toEqual([]);
}

async function refusal(promise: Promise<unknown>): Promise<KlingError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(KlingError);
  expect((error as KlingError).code).toBe("invalid_input");
  return error as KlingError;
}

describe("type and size", () => {
  test.each([
    ["a text file", new File(["hi"], "notes.txt", { type: "text/plain" }), "The video must be an MP4 or MOV file."],
    ["a file without a type", new File(["?"], "clip", { type: "" }), "The video must be an MP4 or MOV file."],
    ["a GIF", new File(["GIF89a"], "ref.gif", { type: "image/gif" }), "The video must be an MP4 or MOV file."],
    ["an empty video", new File([], "empty.mp4", { type: "video/mp4" }), "The file is empty."],
  ])("%s is refused with a message that says why", async (_, file, message) => {
    expect((await refusal(upload(file))).message).toBe(message);
    expectNothingSent();
    expect(media.videos).toEqual([]);
  });

  test("a video or an image over its limit names both sizes; limits can be overridden", async () => {
    const video = new File([new Uint8Array(3 * 1024 * 1024)], "long.mp4", { type: "video/mp4" });
    expect((await refusal(upload(video, { maxVideoBytes: 2 * 1024 * 1024 }))).message).toBe(
      "The file is 3 MB; the limit is 2 MB.",
    );
    const image = new File([new Uint8Array(2 * 1024 * 1024)], "ref.png", { type: "image/png" });
    expect((await refusal(upload(image, { maxImageBytes: 1024 * 1024 }))).message).toBe(
      "The file is 2 MB; the limit is 1 MB.",
    );
    expectNothingSent();
  });
});

describe("the video's length, read locally", () => {
  test("a 12 s clip is refused before anything is sent, with its length in the message", async () => {
    media.answer = { duration: 12.04 };
    const error = await refusal(upload(clipFile()));
    expect(error.message).toBe("This video is too long: 12 s; the model takes 3 to 10 s.");
    expect(error.fieldErrors?.video_duration?.code).toBe("out_of_range");
    expectNothingSent();
  });

  test("a 2.5 s clip is refused as too short, the other side of the same rule", async () => {
    media.answer = { duration: 2.5 };
    const error = await refusal(upload(clipFile()));
    expect(error.message).toBe("This video is too short: 2.5 s; the model takes 3 to 10 s.");
    expect(error.fieldErrors?.video_duration).toEqual({ code: "out_of_range", message: error.message });
    expectNothingSent();
  });

  test("the length is read from the file with preload=metadata on an object URL, revoked after", async () => {
    media.answer = { duration: 2.5 };
    await refusal(upload(clipFile()));
    expect(media.videos).toHaveLength(1);
    expect(media.videos[0]!.preload).toBe("metadata");
    expect(media.created).toEqual([expect.stringMatching(new RegExp(`^blob:.*-${clip.byteLength}$`))]);
    expect(media.revoked).toEqual(media.created);
    expect(media.videos[0]!.hasAttribute("src")).toBe(false);
  });

  test("the limits are the ones validateEditInput uses, overridable, on the length rounded as the form rounds it", async () => {
    media.answer = { duration: 12 };
    await expect(upload(clipFile(), { maxDurationSeconds: 15 })).resolves.toMatch(/^https:\/\/storage\.kling\.test\//);
    media.answer = { duration: 2.96 }; // shown and submitted as 3 s
    await expect(upload(clipFile())).resolves.toMatch(/^https:/);
    media.answer = { duration: 10.06 }; // 10.1 s
    expect((await refusal(upload(clipFile()))).message).toContain("too long: 10.1 s;");
    expect(putsOf(ctx.storage)).toHaveLength(2);
  });

  test("an image has no length to read", async () => {
    const image = new File([new Uint8Array(64)], "ref.png", { type: "image/png" });
    await expect(upload(image)).resolves.toMatch(/\.png\?/);
    expect(media.videos).toEqual([]);
  });

  test("a length this browser cannot read (a codec it does not decode) is left to the form: the file goes", async () => {
    media.answer = "error";
    await expect(upload(clipFile())).resolves.toMatch(/^https:/);
    expect(media.revoked).toEqual(media.created);
  });

  test("a browser that never answers holds the upload 10 s at most", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    media.answer = "silence";
    const done = upload(clipFile());
    await vi.advanceTimersByTimeAsync(9_999);
    expect(ticketRequestsOf(ctx.proxy)).toEqual([]);
    expect(media.revoked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toMatch(/^https:/);
    expect(media.revoked).toEqual(media.created);
  });
});
