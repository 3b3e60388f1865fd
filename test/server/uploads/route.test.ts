// @vitest-environment node
import { describe, expect, test, vi } from "vitest";
import { MAX_UPLOAD_REQUEST_BYTES, answerUpload, readUploadRequest } from "../../../src/server/uploads/route";
import { s3Uploads } from "../../../src/server/uploads/s3";
import type { KlingUploads } from "../../../src/server/uploads/types";
import { uploadRequest } from "../../support/uploads";

const SECRET = "s3-secret-route-DO-NOT-LEAK";
const VIDEO = { kind: "video", name: "clip.mp4", type: "video/mp4", size: 70995 };
const post = uploadRequest;

describe("readUploadRequest", () => {
  test("a file the model takes comes back as the request to sign, its type lower-case", async () => {
    expect(await readUploadRequest(post({ ...VIDEO, type: "Video/MP4", extra: "ignored" }))).toEqual({
      ok: true,
      value: { kind: "video", name: "clip.mp4", type: "video/mp4", size: 70995 },
    });
  });

  test.each([
    ["a type the model does not take", { ...VIDEO, type: "video/webm" }, "The video must be an MP4 or MOV file."],
    ["an image type as a video", { ...VIDEO, type: "image/png" }, "The video must be an MP4 or MOV file."],
    ["an unknown kind", { ...VIDEO, kind: "audio" }, 'The upload kind must be "video" or "image".'],
    ["a video over the limit", { ...VIDEO, size: 200 * 1024 * 1024 + 1 }, "The file is 200 MB; the limit is 200 MB."],
    ["an empty file", { ...VIDEO, size: 0 }, "The file is empty."],
    ["a size that is not a number", { ...VIDEO, size: "70995" }, "The file size must be a whole number of bytes."],
    [
      "no name",
      { kind: "video", type: "video/mp4", size: 10 },
      "The file name must be text of at most 1024 characters.",
    ],
    ["an array", [VIDEO], "Send { kind, name, type, size } as a JSON object."],
    ["null", null, "Send { kind, name, type, size } as a JSON object."],
  ])("400 for %s, with the rule's message", async (_name, body, message) => {
    expect(await readUploadRequest(post(body))).toEqual({
      ok: false,
      answer: { status: 400, code: "invalid_input", message },
    });
  });

  test("the app's limits apply", async () => {
    const result = await readUploadRequest(post({ ...VIDEO, size: 2 * 1024 * 1024 }), {
      limits: { maxVideoBytes: 1024 * 1024 },
    });
    expect(result).toEqual({
      ok: false,
      answer: { status: 400, code: "invalid_input", message: "The file is 2 MB; the limit is 1 MB." },
    });
  });

  test("415 for a body that is not JSON (a cross-site form cannot ask)", async () => {
    const result = await readUploadRequest(post("kind=video", { "content-type": "application/x-www-form-urlencoded" }));
    expect(result).toEqual({
      ok: false,
      answer: { status: 415, code: "invalid_input", message: "Send the upload request as application/json." },
    });
  });

  test("400 for JSON that does not parse", async () => {
    const result = await readUploadRequest(post("{"));
    expect(result).toEqual({
      ok: false,
      answer: { status: 400, code: "invalid_input", message: "The request body must be JSON." },
    });
  });

  test("413 past the small body limit, declared or streamed", async () => {
    const big = JSON.stringify({ ...VIDEO, name: "x".repeat(MAX_UPLOAD_REQUEST_BYTES) });
    const message = `The request body is larger than ${MAX_UPLOAD_REQUEST_BYTES} bytes.`;
    const tooLarge = { ok: false, answer: { status: 413, code: "invalid_input", message } };
    expect(await readUploadRequest(post(big))).toEqual(tooLarge);
    const streamed = new Request("https://app.example/api/kling/uploads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(await readUploadRequest(streamed)).toEqual(tooLarge);
  });

  test("the longest name the rule allows fits, in its longest JSON form", async () => {
    const name = "\u0001".repeat(1024); // six bytes each in JSON
    const request = post({ ...VIDEO, name });
    expect(Number((await request.clone().arrayBuffer()).byteLength)).toBeGreaterThan(6 * 1024);
    expect(await readUploadRequest(request)).toMatchObject({ ok: true, value: { name } });
  });
});

describe("answerUpload", () => {
  const uploads = s3Uploads({
    bucket: "kling-media",
    region: "us-east-1",
    accessKeyId: "AKIAROUTE",
    secretAccessKey: SECRET,
    now: () => Date.UTC(2026, 0, 1),
  });
  const value = { kind: "video" as const, name: "clip.mp4", type: "video/mp4", size: 70995 };

  test("200 with the ticket, never cached, JSON, not sniffed", async () => {
    const response = await answerUpload(uploads, "alice", value);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const ticket = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(ticket).sort()).toEqual(["expiresAt", "headers", "method", "uploadUrl", "url"]);
    expect(ticket.method).toBe("PUT");
    expect(String(ticket.uploadUrl)).toContain((await uploads.folderOf("alice")).slice(0, -1));
  });

  test("presign hears the owner and the checked file, nothing else", async () => {
    const presign = vi.fn<KlingUploads["presign"]>(async () => ({
      uploadUrl: "https://storage.example/put",
      method: "PUT",
      headers: { "content-type": "video/mp4" },
      url: "https://storage.example/get",
      expiresAt: "2026-01-01T00:15:00.000Z",
    }));
    await answerUpload({ presign }, "bob", value);
    expect(presign).toHaveBeenCalledExactlyOnceWith({ owner: "bob", ...value });
  });

  test("only the five fields of a ticket reach the browser", async () => {
    const leaky = {
      presign: async () => ({
        uploadUrl: "https://storage.example/put",
        method: "PUT" as const,
        headers: { "content-type": "video/mp4" },
        url: "https://storage.example/get",
        expiresAt: "2026-01-01T00:15:00.000Z",
        secretAccessKey: SECRET,
      }),
    };
    const text = await (await answerUpload(leaky, "bob", value)).text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({
      uploadUrl: "https://storage.example/put",
      method: "PUT",
      headers: { "content-type": "video/mp4" },
      url: "https://storage.example/get",
      expiresAt: "2026-01-01T00:15:00.000Z",
    });
  });

  test("a presign that throws: 500 internal_error, the error to onError only", async () => {
    const failure = new Error(`Storage refused key ${SECRET}`);
    const onError = vi.fn();
    const response = await answerUpload({ presign: () => Promise.reject(failure) }, "bob", value, { onError });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal_error", message: "The upload could not be prepared." },
    });
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure);
  });

  test.each([
    ["nothing", undefined],
    [
      "a relative upload URL",
      {
        uploadUrl: "/put",
        method: "PUT",
        headers: {},
        url: "https://s.example/get",
        expiresAt: "2026-01-01T00:00:00Z",
      },
    ],
    [
      "a POST",
      {
        uploadUrl: "https://s.example/put",
        method: "POST",
        headers: {},
        url: "https://s.example/get",
        expiresAt: "2026-01-01T00:00:00Z",
      },
    ],
    [
      "a javascript: url",
      {
        uploadUrl: "https://s.example/put",
        method: "PUT",
        headers: {},
        url: "javascript:alert(1)",
        expiresAt: "2026-01-01T00:00:00Z",
      },
    ],
    [
      "a header that is not text",
      {
        uploadUrl: "https://s.example/put",
        method: "PUT",
        headers: { a: 1 },
        url: "https://s.example/get",
        expiresAt: "2026-01-01T00:00:00Z",
      },
    ],
    [
      "no expiry",
      {
        uploadUrl: "https://s.example/put",
        method: "PUT",
        headers: {},
        url: "https://s.example/get",
        expiresAt: "soon",
      },
    ],
  ])("a presign that returns %s: 500, and onError hears what was expected", async (_name, returned) => {
    const onError = vi.fn();
    const response = await answerUpload({ presign: async () => returned as never }, "bob", value, { onError });
    expect(response.status).toBe(500);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(
      /returned no ticket: \{ uploadUrl, method: "PUT", headers, url, expiresAt \} expected/,
    );
  });

  test("an onError that throws still answers 500", async () => {
    const response = await answerUpload({ presign: () => Promise.reject(new Error("down")) }, "bob", value, {
      onError: () => {
        throw new Error("logger broke");
      },
    });
    expect(response.status).toBe(500);
  });
});
