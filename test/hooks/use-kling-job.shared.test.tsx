import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createKlingClient, useKlingJob } from "../../src";
import { advance, PROXY_URL, setupFakeKling, installFakeClock, validInput, wrapper } from "../support/kling";

// The polling path: this proxy offers no event stream (as a proxy in another language may not).
const kling = setupFakeKling({ queueMs: 3_000, processingMs: 60_000 }, { push: false });

async function startJob() {
  const client = createKlingClient({ proxyUrl: `http://localhost:3000${PROXY_URL}` });
  return client.submitEdit(validInput);
}

const gets = () => kling.fake.requests.filter((r) => r.method === "GET").length;

function watchers(count: number, jobId: string, submittedAt: number) {
  const Wrapper = wrapper();
  return renderHook(() => Array.from({ length: count }, () => useKlingJob(jobId, { submittedAt })), {
    wrapper: Wrapper,
  });
}

describe("useKlingJob", () => {
  it("five observers of one job send the requests of one", async () => {
    installFakeClock();
    kling.use();
    const { jobId } = await startJob();
    const one = watchers(1, jobId, Date.now());
    await advance(30_000);
    const single = gets();
    // At once on mount (a job watched by id), at 2 s, then every 5 s: 0, 2, 7, …, 27 s.
    expect(single).toBe(7);
    one.unmount();

    kling.use();
    const second = await startJob();
    const five = watchers(5, second.jobId, Date.now());
    await advance(30_000);
    expect(gets()).toBe(single);
    expect(five.result.current.map((r) => r.status)).toEqual(Array(5).fill("processing"));
  });

  it("watches a job started elsewhere, by id, to completion", async () => {
    installFakeClock();
    kling.use({ outputVideoUrl: "https://cdn.example.com/x.mp4" });
    const { jobId } = await startJob();
    const { result } = renderHook(() => useKlingJob(jobId), { wrapper: wrapper() });
    await advance(500);
    expect(result.current.status).toBe("pending");
    await advance(70_000);
    expect(result.current).toMatchObject({ status: "completed", videoUrl: "https://cdn.example.com/x.mp4" });
  });

  it("watches nothing for an undefined id", async () => {
    installFakeClock();
    kling.use();
    const { result } = renderHook(() => useKlingJob(undefined), { wrapper: wrapper() });
    await advance(10_000);
    expect(gets()).toBe(0);
    expect(result.current.job).toBeUndefined();
  });
});
