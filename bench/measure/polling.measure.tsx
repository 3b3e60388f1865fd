import { act, renderHook } from "@testing-library/react";
import { it } from "vitest";
import { useKlingEdit, useKlingJob, type PollingOptions } from "../../src";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../../test/support/kling";
import { record } from "./record";

// Polling alone: a proxy without the event stream (push.measure.tsx compares the two).
const kling = setupFakeKling({}, { push: false });
const FIXED_500MS: PollingOptions = { initialDelayMs: 500, intervalMs: 500 };

/**
 * Submits a job of `jobMs` through `useKlingEdit` (the product path), adds `observers - 1`
 * more components watching it with `useKlingJob`, and counts what it cost.
 */
async function run(jobMs: number, observers: number, polling?: PollingOptions) {
  installFakeClock();
  const fake = kling.use({ queueMs: 0, processingMs: jobMs });
  const { result, unmount } = renderHook(
    () => {
      const edit = useKlingEdit({ persist: false });
      const others = Array.from({ length: observers - 1 }, () =>
        useKlingJob(edit.jobId, { submittedAt: edit.submittedAt }),
      );
      return { edit, all: [edit, ...others] };
    },
    { wrapper: wrapper({ polling }) },
  );
  await act(() => result.current.edit.submit(validInput));
  const submittedAt = Date.now();
  let noticedAt = 0;
  for (let t = 0; t < jobMs + 120_000 && !noticedAt; t += 100) {
    await advance(100, 100);
    if (result.current.all.every((r) => r.status === "completed")) noticedAt = Date.now();
  }
  await act(async () => unmount());
  return {
    requests: fake.requests.filter((r) => r.method === "GET").length,
    delay: noticedAt ? ((noticedAt - (submittedAt + jobMs)) / 1000).toFixed(1) : "never",
  };
}

it("polling economy on the simulated clock", { timeout: 120_000 }, async () => {
  const rows = [];
  for (const [label, jobMs] of [
    ["30 s", 30_000],
    ["2 min", 120_000],
    ["10 min", 600_000],
  ] as const) {
    const ours = await run(jobMs, 1);
    const fixed = await run(jobMs, 1, FIXED_500MS);
    rows.push({
      job: label,
      "status requests (ours)": ours.requests,
      "noticed after s (ours)": ours.delay,
      "status requests (fixed 500 ms)": fixed.requests,
      "noticed after s (fixed 500 ms)": fixed.delay,
    });
  }
  record("Polling economy: one job, one observer", rows);

  const observers = [];
  for (const count of [1, 5]) {
    const { requests } = await run(120_000, count);
    observers.push({ observers: count, "status requests for a 2 min job": requests });
  }
  record("Polling economy: observers of one job share one loop", observers);
});
