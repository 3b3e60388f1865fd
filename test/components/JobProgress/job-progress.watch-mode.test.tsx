import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobProgress } from "../../../src/components";
import { advance, installFakeClock, PROXY_URL, setupFakeKling, validInput, wrapper } from "../../support/kling";

const kling = setupFakeKling({ queueMs: 3_000, processingMs: 30_000 });

describe("JobProgress watch mode", () => {
  it("watches a job id through useKlingJob until it completes", async () => {
    installFakeClock();
    kling.use({ outputVideoUrl: "https://cdn.example.com/edited.mp4" });
    // Submitted by the signed-in user through the proxy (say, by another tab): theirs to watch.
    const answer = await kling.proxy.fetch(`${PROXY_URL}/models/kling-video-edit/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(validInput),
    });
    const { jobId } = (await answer.json()) as { jobId: string };
    const Wrapper = wrapper();
    const { container } = render(
      <Wrapper>
        <JobProgress jobId={jobId} submittedAt={Date.now()} />
      </Wrapper>,
    );
    const status = () => container.querySelector<HTMLElement>(".kling-progress")!.dataset.status;
    expect(status()).toBe("pending");
    await advance(8_000);
    expect(status()).toBe("processing");
    expect(screen.getByText("Credits charged: 40")).toBeTruthy();
    await advance(30_000);
    expect(status()).toBe("completed");
    expect(screen.getByRole("link", { name: "Download the video" }).getAttribute("href")).toBe(
      "https://cdn.example.com/edited.mp4",
    );
  });

  it("needs no provider with plain props", () => {
    render(<JobProgress status="processing" />);
    expect(screen.getByRole("status").textContent).toBe("Processing the video…");
  });

  it("reports a job the API does not know", async () => {
    installFakeClock();
    kling.use();
    const Wrapper = wrapper();
    render(
      <Wrapper>
        <JobProgress jobId="job_missing" onReset={() => {}} />
      </Wrapper>,
    );
    await advance(1_000);
    expect(screen.getByRole("status").textContent).toContain("The job was not found.");
    expect(screen.getByRole("button", { name: "Start over" })).toBeTruthy();
  });
});
