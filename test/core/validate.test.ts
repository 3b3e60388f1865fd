import { describe, expect, it } from "vitest";
import { validateEditInput } from "../../src";

const valid = { prompt: "  Make it snow  ", video_url: "https://cdn.example.com/a.mp4", video_duration: 5 };

function issue(input: unknown, field: string, limits = {}) {
  const result = validateEditInput(input, limits);
  if (result.ok) throw new Error("expected a refusal");
  return (result.errors as Record<string, { code: string; message: string }>)[field];
}

describe("validateEditInput", () => {
  it("applies the defaults, trims the prompt and drops unknown fields", () => {
    expect(validateEditInput({ ...valid, extra: "x", image_urls: [] })).toEqual({
      ok: true,
      value: {
        prompt: "Make it snow",
        video_url: "https://cdn.example.com/a.mp4",
        video_duration: 5,
        tier: "pro",
        keep_audio: true,
      },
    });
    const full = validateEditInput({
      ...valid,
      tier: "standard",
      keep_audio: false,
      image_urls: ["https://x.test/1.png"],
    });
    expect(full.ok && full.value).toMatchObject({
      tier: "standard",
      keep_audio: false,
      image_urls: ["https://x.test/1.png"],
    });
  });

  it("refuses a missing, blank, non-text or too long prompt", () => {
    expect(issue({ ...valid, prompt: undefined }, "prompt")?.code).toBe("required");
    expect(issue({ ...valid, prompt: "   " }, "prompt")?.code).toBe("required");
    expect(issue({ ...valid, prompt: 42 }, "prompt")?.code).toBe("invalid_type");
    const long = issue({ ...valid, prompt: "a".repeat(2501) }, "prompt");
    expect(long).toEqual({ code: "too_long", message: "The prompt has 2501 characters; the limit is 2500." });
    expect(validateEditInput({ ...valid, prompt: "a".repeat(2500) }).ok).toBe(true);
    expect(issue({ ...valid, prompt: "abcdef" }, "prompt", { maxPromptLength: 5 })?.code).toBe("too_long");
  });

  it.each([
    ["javascript:alert(1)"],
    ["data:video/mp4;base64,AAAA"],
    ["file:///etc/passwd"],
    ["/videos/a.mp4"],
    ["a.mp4"],
    ["ftp://cdn.example.com/a.mp4"],
    ["https://user:pass@cdn.example.com/a.mp4"],
    ["https://"],
    [`https://cdn.example.com/${"a".repeat(2100)}`],
    [123],
  ])("refuses the video URL %s", (url) => {
    expect(issue({ ...valid, video_url: url }, "video_url")?.code).toBe("invalid_url");
  });

  it("requires a video URL", () => {
    expect(issue({ ...valid, video_url: "" }, "video_url")?.code).toBe("required");
  });

  it.each([[Number.NaN], [Infinity], ["5"], [-1]])("refuses the duration %s", (duration) => {
    const found = issue({ ...valid, video_duration: duration }, "video_duration");
    expect(["invalid_type", "out_of_range"]).toContain(found?.code);
  });

  it("checks the duration against Kling's range, and against overrides", () => {
    expect(issue({ ...valid, video_duration: 2.9 }, "video_duration")?.message).toBe(
      "This video is too short: 2.9 s; the model takes 3 to 10 s.",
    );
    expect(issue({ ...valid, video_duration: 10.5 }, "video_duration")?.code).toBe("out_of_range");
    expect(validateEditInput({ ...valid, video_duration: 10 }).ok).toBe(true);
    expect(validateEditInput({ ...valid, video_duration: 15 }, { maxDurationSeconds: 15 }).ok).toBe(true);
    expect(issue({ ...valid, video_duration: undefined }, "video_duration")?.code).toBe("required");
  });

  it("refuses an unknown tier and a non-boolean keep_audio", () => {
    expect(issue({ ...valid, tier: "ultra" }, "tier")?.code).toBe("invalid_option");
    expect(issue({ ...valid, keep_audio: "yes" }, "keep_audio")?.code).toBe("invalid_type");
  });

  it("refuses bad reference image lists", () => {
    expect(issue({ ...valid, image_urls: "https://x.test/a.png" }, "image_urls")?.code).toBe("invalid_type");
    expect(issue({ ...valid, image_urls: ["https://x.test/a.png", "javascript:1"] }, "image_urls")).toEqual({
      code: "invalid_url",
      message: "Reference image 2 is not an absolute http(s) URL.",
    });
    expect(issue({ ...valid, image_urls: ["https://x.test/a.png", "https://x.test/a.png"] }, "image_urls")?.code).toBe(
      "duplicate",
    );
    const five = Array.from({ length: 5 }, (_, i) => `https://x.test/${i}.png`);
    expect(issue({ ...valid, image_urls: five }, "image_urls")?.code).toBe("too_many");
    expect(validateEditInput({ ...valid, image_urls: five }, { maxReferenceImages: 5 }).ok).toBe(true);
  });

  it("reports every refused field at once, and treats a non-object as empty", () => {
    const result = validateEditInput(null);
    expect(result.ok).toBe(false);
    expect(Object.keys(!result.ok ? result.errors : {}).sort()).toEqual(["prompt", "video_duration", "video_url"]);
  });
});
