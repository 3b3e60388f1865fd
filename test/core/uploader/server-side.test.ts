// @vitest-environment node
// Server rendering imports the client entry: the uploader touches no DOM until it uploads.
import { expect, test } from "vitest";
import { createProxyUploader, readVideoDuration } from "../../../src";

test("made on the server without a DOM or XMLHttpRequest; a length cannot be read there", async () => {
  expect(typeof document).toBe("undefined");
  expect(typeof XMLHttpRequest).toBe("undefined");
  expect(typeof createProxyUploader({ proxyUrl: "/api/kling" })).toBe("function");
  await expect(readVideoDuration(new Blob(["x"], { type: "video/mp4" }))).resolves.toBeUndefined();
});
