import { describe, expect, it } from "vitest";
import { KlingError, nextPollDelay, DEFAULT_POLLING } from "../../src";

/** Polls a job that completes at `jobMs` on the default schedule; what did it cost? */
function simulate(jobMs: number, pollIntervalOverride?: number) {
  let t = 0;
  let requests = 0;
  for (;;) {
    const delay = pollIntervalOverride ?? nextPollDelay({ elapsedMs: t, failures: 0, remainingMs: 60 * 60_000 - t });
    if (delay === null) throw new Error("stopped early");
    t += delay;
    requests++;
    if (t >= jobMs) return { requests, detectionDelayMs: t - jobMs };
  }
}

describe("polling schedule", () => {
  it.each([
    [30_000, 7],
    [120_000, 25],
    [600_000, 121],
  ])("a %i ms job is noticed within 5 s, with %i status requests", (jobMs, expected) => {
    const { requests, detectionDelayMs } = simulate(jobMs);
    expect(detectionDelayMs).toBeLessThanOrEqual(5_000);
    expect(requests).toBe(expected);
  });

  it("sends a tenth of the requests of fixed 500 ms polling for a 2-minute job", () => {
    expect(simulate(120_000, 500).requests).toBe(240);
    expect(simulate(120_000).requests).toBeLessThanOrEqual(25);
  });

  it("waits the initial delay first, counting from the submit", () => {
    expect(nextPollDelay({ elapsedMs: 0, failures: 0, remainingMs: 1e6 })).toBe(2_000);
    expect(nextPollDelay({ elapsedMs: 500, failures: 0, remainingMs: 1e6 })).toBe(1_500);
    expect(nextPollDelay({ elapsedMs: 60_000, failures: 0, remainingMs: 1e6 })).toBe(5_000);
  });

  it("backs off with jitter on transient failures, up to the ceiling", () => {
    const network = new KlingError("network_error");
    const at = (failures: number, random: number) =>
      nextPollDelay({ elapsedMs: 60_000, failures, lastError: network, remainingMs: 1e6 }, {}, () => random);
    expect([at(1, 0), at(1, 1)]).toEqual([2_500, 5_000]);
    expect([at(2, 0), at(2, 1)]).toEqual([5_000, 10_000]);
    expect(at(10, 1)).toBe(DEFAULT_POLLING.maxBackoffMs);
    expect(at(10, 0)).toBe(DEFAULT_POLLING.maxBackoffMs / 2);
  });

  it("never asks again sooner than Retry-After", () => {
    const limited = new KlingError("rate_limited", { status: 429, retryAfterMs: 12_000 });
    expect(nextPollDelay({ elapsedMs: 60_000, failures: 1, lastError: limited, remainingMs: 1e6 }, {}, () => 0)).toBe(
      12_000,
    );
  });

  it.each(["unauthorized", "forbidden", "not_found", "insufficient_credits"] as const)("stops on %s", (code) => {
    const error = new KlingError(code);
    expect(nextPollDelay({ elapsedMs: 60_000, failures: 1, lastError: error, remainingMs: 1e6 })).toBeNull();
  });

  it("lands the last request on the deadline, then stops", () => {
    expect(nextPollDelay({ elapsedMs: 60_000, failures: 0, remainingMs: 1_200 })).toBe(1_200);
    expect(nextPollDelay({ elapsedMs: 60_000, failures: 0, remainingMs: 0 })).toBeNull();
    const limited = new KlingError("rate_limited", { retryAfterMs: 60_000 });
    expect(nextPollDelay({ elapsedMs: 60_000, failures: 1, lastError: limited, remainingMs: 3_000 })).toBe(3_000);
  });

  it("takes custom intervals", () => {
    expect(nextPollDelay({ elapsedMs: 60_000, failures: 0, remainingMs: 1e6 }, { intervalMs: 1_000 })).toBe(1_000);
    expect(
      nextPollDelay({ elapsedMs: 0, failures: 0, remainingMs: 1e6 }, { initialDelayMs: 0, intervalMs: 1_000 }),
    ).toBe(1_000);
  });
});
