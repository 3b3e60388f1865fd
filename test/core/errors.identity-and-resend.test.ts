import { describe, expect, it, vi } from "vitest";
import { canResubmit, canRewatch, isKlingError, KlingError } from "../../src/core/errors";

describe("one error model", () => {
  it("recognises a KlingError made by another copy of the library", async () => {
    vi.resetModules();
    const other = await import("../../src/core/errors");
    expect(other.KlingError).not.toBe(KlingError);
    const error = new other.KlingError("quota_exceeded");
    expect(isKlingError(error)).toBe(true);
    expect(error instanceof KlingError).toBe(true);
    expect(other.isKlingError(new KlingError("internal_error"))).toBe(true);
  });

  it("does not take look-alikes for one", () => {
    const lookAlike = Object.assign(new Error("x"), { name: "KlingError", code: "not_found" });
    expect(isKlingError(lookAlike)).toBe(false);
    expect(lookAlike instanceof KlingError).toBe(false);
    expect(isKlingError(null)).toBe(false);
    expect(isKlingError("KlingError")).toBe(false);
  });

  it("keeps the brand out of what is serialised", () => {
    const error = new KlingError("forbidden", { status: 403 });
    expect(Object.keys(error)).toEqual(expect.not.arrayContaining([expect.stringContaining("react-kling-edit")]));
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: "forbidden", status: 403, name: "KlingError" });
  });
});

describe("can the same edit be sent again (a new, paid submit)", () => {
  it.each([
    ["a refused submit that may pass later", new KlingError("upstream_error", { status: 500 }), true],
    ["rate limited after the client's own resends", new KlingError("rate_limited", { status: 429 }), true],
    ["a network failure before any answer", new KlingError("network_error", { maybeCharged: true }), false],
    ["a 5xx that may have been charged", new KlingError("upstream_error", { status: 502, maybeCharged: true }), false],
    ["the app's spend limit", new KlingError("quota_exceeded", { status: 429, retryAfterMs: 60_000 }), false],
    ["no credits", new KlingError("insufficient_credits", { status: 402 }), false],
    ["invalid input", new KlingError("invalid_input", { status: 400 }), false],
    ["the proxy failed before sending", new KlingError("internal_error", { status: 500 }), true],
    ["a job that failed", new KlingError("job_failed", { jobId: "j" }), true],
    ["the watch of an accepted job failed", new KlingError("internal_error", { status: 500, jobId: "j" }), false],
    ["the watch of an accepted job timed out", new KlingError("timeout", { jobId: "j" }), false],
  ])("%s: %s", (_name, error, expected) => {
    expect(canResubmit(error)).toBe(expected);
  });

  it("offers watching again for an accepted job, unless the job itself ended", () => {
    expect(canRewatch(new KlingError("timeout", { jobId: "j" }))).toBe(true);
    expect(canRewatch(new KlingError("internal_error", { jobId: "j" }))).toBe(true);
    expect(canRewatch(new KlingError("job_failed", { jobId: "j" }))).toBe(false);
    expect(canRewatch(new KlingError("expired", { jobId: "j" }))).toBe(false);
    expect(canRewatch(new KlingError("timeout"))).toBe(false);
  });
});
