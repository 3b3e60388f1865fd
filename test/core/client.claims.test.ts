// The client keeps each submitted job's ownership claim and sends it on that job's status and
// event requests only: a proxy whose store lost the job's record restores it from the claim.
import { describe, expect, it, vi } from "vitest";
import { createKlingClient } from "../../src";
import { validInput } from "../support/kling";

const PROXY = "https://app.example.com/api/kling";
const CLAIM = "eyJqb2IiOiJqb2JfMSJ9.c2lnbmF0dXJl";

/** A proxy that accepts every submit as `job_1` with a claim, and answers any job as completed. */
function fakeProxy(submitAnswer: Record<string, unknown> = { jobId: "job_1", status: "pending", claim: CLAIM }) {
  return vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url).slice(PROXY.length);
    const jobId = /^\/jobs\/([^/?]+)/.exec(path)?.[1] ?? "";
    const job = JSON.stringify({ jobId, status: "completed", output: { video: "https://cdn.example.com/out.mp4" } });
    if (init?.method === "POST") return new Response(JSON.stringify(submitAnswer), { status: 202 });
    if (path.endsWith("/events")) {
      return new Response(`id: 1\nevent: status\ndata: ${job}\n\n`, {
        headers: { "content-type": "text/event-stream" },
      });
    }
    if (path.startsWith("/jobs/")) return new Response(job);
    return new Response(JSON.stringify({ jobs: [] }));
  });
}

type FetchSpy = ReturnType<typeof fakeProxy>;

/** The `X-Kling-Claim` each request carried, by path. */
const claimsSent = (fetchSpy: FetchSpy) =>
  fetchSpy.mock.calls.map(([url, init]) => [
    String(url).slice(PROXY.length),
    new Headers(init?.headers).get("x-kling-claim"),
  ]);

describe("createKlingClient: ownership claims", () => {
  it("sends a submitted job's claim on its status and events requests, and on no other request", async () => {
    const fetchSpy = fakeProxy();
    const client = createKlingClient({ proxyUrl: PROXY, fetch: fetchSpy });
    const job = await client.submitEdit(validInput);
    expect(job.claim).toBe(CLAIM);

    await client.getJob("job_1");
    expect(await client.streamJob("job_1", { onJob: () => undefined })).toBe("ended");
    await client.getJob("job_2");
    expect(await client.streamJob("job_2", { onJob: () => undefined })).toBe("ended");
    await client.listJobs();

    expect(claimsSent(fetchSpy)).toEqual([
      ["/models/kling-video-edit/run", null],
      ["/jobs/job_1", CLAIM],
      ["/jobs/job_1/events", CLAIM],
      ["/jobs/job_2", null],
      ["/jobs/job_2/events", null],
      ["/jobs", null],
    ]);
  });

  it("sends a claim handed over with rememberClaim (a job submitted before a reload), and no missing one", async () => {
    const fetchSpy = fakeProxy();
    const client = createKlingClient({ proxyUrl: PROXY, fetch: fetchSpy });
    client.rememberClaim("job_7", "resumed-claim");
    client.rememberClaim("job_8", undefined);
    await client.getJob("job_7");
    await client.streamJob("job_7", { onJob: () => undefined });
    await client.getJob("job_8");
    expect(claimsSent(fetchSpy)).toEqual([
      ["/jobs/job_7", "resumed-claim"],
      ["/jobs/job_7/events", "resumed-claim"],
      ["/jobs/job_8", null],
    ]);
  });
});
