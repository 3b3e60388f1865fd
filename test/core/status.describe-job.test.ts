import { describe, expect, it } from "vitest";
import { describeJob, KlingError, outputVideoUrl } from "../../src";

const job = (extra: object) => ({ jobId: "j", status: "completed", ...extra });

describe("describeJob: what the user sees of what the API said", () => {
  it("reads output.video, else assets[0].url (also when output.video is empty)", () => {
    expect(describeJob(job({ output: { video: "https://cdn.example.com/a.mp4" } }))).toEqual({
      status: "completed",
      videoUrl: "https://cdn.example.com/a.mp4",
    });
    expect(
      describeJob(job({ output: { video: "" }, assets: [{ url: "https://cdn.example.com/b.mp4" }] })).videoUrl,
    ).toBe("https://cdn.example.com/b.mp4");
  });

  it("never hands a javascript: or data: URL to a video or a link", () => {
    expect(outputVideoUrl(job({ output: { video: "javascript:alert(1)" } }))).toBeUndefined();
    expect(outputVideoUrl(job({ output: { video: "data:video/mp4;base64,AAAA" } }))).toBeUndefined();
    expect(outputVideoUrl(job({ output: { video: "//evil.example/a.mp4" } }))).toBeUndefined();
    expect(outputVideoUrl(job({ output: { video: "/samples/edited.mp4" } }))).toBe("/samples/edited.mp4");
    expect(describeJob(job({ output: { video: "javascript:alert(1)" } }))).toMatchObject({
      status: "failed",
      error: { code: "bad_response" },
    });
  });

  it("gives the upstream's reason for a failed job, as a string or inside an object", () => {
    expect(describeJob(job({ status: "failed", error: "No subject found." })).error).toMatchObject({
      code: "job_failed",
      message: "No subject found.",
    });
    expect(describeJob(job({ status: "failed", error: { message: "Quota." } })).error?.message).toBe("Quota.");
    expect(describeJob(job({ status: "failed" })).error?.message).toBe("The edit failed.");
  });

  it("ends on other terminal statuses, in any case, instead of polling them to the deadline", () => {
    expect(describeJob(job({ status: "CANCELED" })).status).toBe("failed");
    expect(describeJob(job({ status: "error" })).status).toBe("failed");
    expect(describeJob(job({ status: "expired" }))).toMatchObject({ status: "expired", error: { code: "expired" } });
    expect(describeJob(job({ status: "Completed", output: { video: "https://x.test/a.mp4" } })).status).toBe(
      "completed",
    );
  });

  it("counts unknown statuses as processing, and shows a transient error beside them", () => {
    const error = new KlingError("network_error");
    expect(describeJob(job({ status: "queued_for_review" }), error)).toEqual({ status: "processing", error });
    expect(describeJob(undefined)).toEqual({ status: "pending", error: undefined });
  });
});
