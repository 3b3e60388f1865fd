import { describe, expect, it } from "vitest";
import { checkUpload, UPLOAD_TYPES } from "../../src/core/uploads";

const video = { kind: "video", name: "clip.mp4", type: "video/mp4", size: 4_000_000 };

describe("checkUpload: the one rule for what may be uploaded", () => {
  it("lets a valid video and image through", () => {
    expect(checkUpload(video)).toBeUndefined();
    expect(checkUpload({ kind: "image", name: "a.webp", type: "image/webp", size: 10 })).toBeUndefined();
    for (const type of UPLOAD_TYPES.video) expect(checkUpload({ ...video, type })).toBeUndefined();
  });

  it.each([
    ["no kind", { ...video, kind: "audio" }, "invalid_kind"],
    ["a type the model does not take", { ...video, type: "video/webm" }, "invalid_type"],
    ["an image type for a video", { ...video, type: "image/png" }, "invalid_type"],
    ["a size over 200 MB", { ...video, size: 200 * 1024 * 1024 + 1 }, "too_large"],
    ["an image over 10 MB", { kind: "image", name: "a.png", type: "image/png", size: 11 * 1024 * 1024 }, "too_large"],
    ["an empty file", { ...video, size: 0 }, "empty"],
    ["a fractional size", { ...video, size: 1.5 }, "empty"],
    ["a size as text", { ...video, size: "100" }, "empty"],
    ["no name", { ...video, name: undefined }, "invalid_name"],
    ["a 2,000-character name", { ...video, name: "a".repeat(2000) }, "invalid_name"],
    ["not an object", "video", "invalid_kind"],
  ])("refuses %s", (_name, request, code) => {
    expect(checkUpload(request)).toMatchObject({ code, message: expect.any(String) });
  });

  it("takes the integrator's limits", () => {
    expect(checkUpload({ ...video, size: 2_000_000 }, { maxVideoBytes: 1_000_000 })).toMatchObject({
      code: "too_large",
      message: "The file is 1.9 MB; the limit is 1 MB.",
    });
  });
});
