// What a browser does when the proxy refuses a stream over `streamLimit` (429): that job is
// followed by polling and completes; the other jobs of the page still stream.
import { act, renderHook } from "@testing-library/react";
import { expect, it } from "vitest";
import { useKlingEdit } from "../../../src";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../../support/kling";

const kling = setupFakeKling(
  { queueMs: 3_000, processingMs: 10_000, outputVideoUrl: "https://cdn.example.com/out.mp4" },
  { streamLimit: { perUser: 1 } },
);

/** What the browser sent for one job: `GET /jobs/{id}` (a poll) or `GET /jobs/{id}/events`. */
const sentFor = (jobId: string) =>
  kling.proxy.requests
    .filter((request) => request.path.startsWith(`/jobs/${jobId}`))
    .map((request) => `${request.method} ${request.path.replace(jobId, "{id}")}`);

it("one stream allowed: the second job is polled and completes; a third, once a place is free, streams again", async () => {
  installFakeClock();
  kling.use();
  // Three edits under one provider: one job watcher for the page.
  const { result } = renderHook(
    () =>
      [useKlingEdit({ persist: false }), useKlingEdit({ persist: false }), useKlingEdit({ persist: false })] as const,
    {
      wrapper: wrapper(),
    },
  );
  await act(() => result.current[0].submit(validInput));
  await advance(1_000);
  await act(() => result.current[1].submit(validInput));
  await advance(30_000);
  const [first, second] = result.current;
  expect(first).toMatchObject({ status: "completed", videoUrl: "https://cdn.example.com/out.mp4" });
  expect(second).toMatchObject({ status: "completed", videoUrl: "https://cdn.example.com/out.mp4" });
  expect(sentFor(first.job!.jobId)).toEqual(["GET /jobs/{id}/events"]);
  const secondSent = sentFor(second.job!.jobId);
  expect(secondSent.filter((line) => line === "GET /jobs/{id}").length).toBeGreaterThan(0);

  // The first job's stream ended with it, so its place is free: the next job streams.
  await act(() => result.current[2].submit(validInput));
  await advance(20_000);
  const third = result.current[2];
  expect(third.status).toBe("completed");
  expect(sentFor(third.job!.jobId)).toEqual(["GET /jobs/{id}/events"]);
  expect(kling.proxy.handler.openStreams).toBe(0);
});
