import { QueryClient } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { delay, http } from "msw";
import { describe, expect, it } from "vitest";
import { useKlingEdit, useKlingJob } from "../../src";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../support/kling";

// A tab that opens a job by id (a shared link, a second tab) takes the job's first status from
// its stream's first event, so it sends one request for the whole job and the upstream sees
// only the server watch's reads, however many tabs open it.
const kling = setupFakeKling({
  queueMs: 3_000,
  processingMs: 60_000,
  outputVideoUrl: "https://cdn.example.com/out.mp4",
});

/** What the browser sent since `from`, with job ids folded. */
const sentSince = (from: number) =>
  kling.proxy.requests.slice(from).map((request) => `${request.method} ${request.path.replace(/job_\w+/, "{id}")}`);

const newTab = (jobId: string) =>
  renderHook(() => useKlingJob(jobId), { wrapper: wrapper({ queryClient: new QueryClient() }) });

async function submitInFirstTab() {
  const first = renderHook(() => useKlingEdit({ persist: false }), {
    wrapper: wrapper({ queryClient: new QueryClient() }),
  });
  await act(() => first.result.current.submit(validInput));
  return first.result.current.jobId!;
}

describe("a job's first status comes from its stream", () => {
  it("a tab that opens a job by id sends its stream and nothing else, and shows the job at once", async () => {
    installFakeClock();
    kling.use();
    const jobId = await submitInFirstTab();
    // The server watch read it at 2 s (pending) and at 7 s (processing).
    await advance(8_000);
    const from = kling.proxy.requests.length;
    const tab = newTab(jobId);
    await advance(250);
    expect(tab.result.current.status).toBe("processing");
    await advance(60_000);
    expect(tab.result.current).toMatchObject({ status: "completed", videoUrl: "https://cdn.example.com/out.mp4" });
    expect(sentSince(from)).toEqual(["GET /jobs/{id}/events"]);
  });

  it("ten tabs cost the upstream no more reads than one", async () => {
    const upstreamReads = async (tabs: number) => {
      installFakeClock();
      const fake = kling.use();
      const jobId = await submitInFirstTab();
      const others = Array.from({ length: tabs - 1 }, () => newTab(jobId));
      await advance(70_000);
      for (const tab of others) expect(tab.result.current.status).toBe("completed");
      return fake.requests.filter((request) => request.method === "GET").length;
    };
    const one = await upstreamReads(1);
    expect(one).toBeGreaterThan(2);
    expect(await upstreamReads(10)).toBe(one);
  });

  it("a stream slow to bring its first event: the status is asked for after 1.5 s", async () => {
    installFakeClock();
    kling.use();
    const jobId = await submitInFirstTab();
    const from = kling.proxy.requests.length;
    let streams = 0;
    // A proxy that takes its time to answer the stream (the fake proxy records what passes it).
    kling.server.use(
      http.get(
        "*/api/kling/jobs/:id/events",
        async () => {
          streams++;
          await delay(10_000);
        },
        { once: true },
      ),
    );
    const tab = newTab(jobId);
    await advance(1_250);
    expect(streams).toBe(1);
    expect(sentSince(from)).toEqual([]);
    expect(tab.result.current.job).toBeUndefined();
    await advance(500);
    expect(sentSince(from)).toEqual(["GET /jobs/{id}"]);
    expect(tab.result.current.status).toBe("pending");
  });

  it("a 404 on one job's stream (a job this user cannot see) leaves the next job streamed", async () => {
    installFakeClock();
    kling.use();
    // One tab (one provider): a link to a job that is not this user's, then an edit of its own.
    const tab = renderHook(
      () => ({ unknown: useKlingJob("job_someone_elses"), edit: useKlingEdit({ persist: false }) }),
      { wrapper: wrapper() },
    );
    await advance(2_000);
    expect(tab.result.current.unknown.error?.code).toBe("not_found");
    const from = kling.proxy.requests.length;
    await act(() => tab.result.current.edit.submit(validInput));
    await advance(70_000);
    expect(tab.result.current.edit.status).toBe("completed");
    expect(sentSince(from)).toEqual(["POST /models/kling-video-edit/run", "GET /jobs/{id}/events"]);
  });
});
