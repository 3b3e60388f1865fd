import { describe, expect, it } from "vitest";
import { deadlinePassed, expiryOf, watchDeadline } from "../../src/core/deadline";
import { DEFAULT_POLLING } from "../../src/core/schedule";

const start = Date.parse("2025-01-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("watchDeadline", () => {
  it("is the expiry when it comes before the max wait", () => {
    expect(watchDeadline({ startedAt: start, maxWaitMs: 60_000, expiresAt: iso(start + 10_000) })).toBe(start + 10_000);
  });

  it("is the max wait when it comes before the expiry", () => {
    expect(watchDeadline({ startedAt: start, maxWaitMs: 60_000, expiresAt: iso(start + 3_600_000) })).toBe(
      start + 60_000,
    );
  });

  it("ignores a missing or unreadable expiry: the max wait alone decides", () => {
    for (const expiresAt of [undefined, null, "", "soon", "2025-13-45"]) {
      expect(watchDeadline({ startedAt: start, maxWaitMs: 60_000, expiresAt })).toBe(start + 60_000);
    }
  });

  it("takes the default max wait for undefined or NaN", () => {
    expect(watchDeadline({ startedAt: start })).toBe(start + DEFAULT_POLLING.maxWaitMs);
    expect(watchDeadline({ startedAt: start, maxWaitMs: NaN })).toBe(start + DEFAULT_POLLING.maxWaitMs);
  });

  it("is never NaN: an unknown start leaves the expiry, or a deadline long passed", () => {
    expect(watchDeadline({ startedAt: NaN, maxWaitMs: 60_000, expiresAt: iso(start) })).toBe(start);
    expect(watchDeadline({ startedAt: NaN, maxWaitMs: 60_000 })).toBe(0);
  });
});

describe("deadlinePassed", () => {
  const input = { startedAt: start, maxWaitMs: 60_000, expiresAt: iso(start + 30_000) };

  it("is undefined before the deadline", () => {
    expect(deadlinePassed(start + 29_999, input)).toBeUndefined();
  });

  it("says expired once the job's expiry is reached", () => {
    expect(deadlinePassed(start + 30_000, input)).toBe("expired");
  });

  it("says timeout when the max wait ran out before any expiry", () => {
    expect(deadlinePassed(start + 60_000, { ...input, expiresAt: iso(start + 120_000) })).toBe("timeout");
    expect(deadlinePassed(start + 60_000, { ...input, expiresAt: "garbage" })).toBe("timeout");
  });
});

describe("expiryOf", () => {
  it("reads ISO dates and nothing else", () => {
    expect(expiryOf(iso(start))).toBe(start);
    expect(expiryOf("not a date")).toBeUndefined();
    expect(expiryOf(undefined)).toBeUndefined();
  });
});
