import { QueryClient } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, it } from "vitest";
import { KlingError, type KlingEditStatus } from "../../src";
import { JobProgress, KlingVideoEditor, VideoEditForm } from "../../src/components";
import { expectNoAxeViolations } from "../support/components";
import { advance, installFakeClock, PROXY_URL, setupFakeKling } from "../support/kling";

const kling = setupFakeKling({ queueMs: 3_000, processingMs: 30_000 });
const full = {
  prompt: "Make it snow",
  video_url: "https://cdn.example.com/a.mp4",
  video_duration: 5,
  image_urls: ["https://cdn.example.com/r.png"],
};

describe("axe finds no violations", () => {
  it("VideoEditForm: empty, invalid, filled with uploads and an error, busy", async () => {
    const { container, rerender } = render(<VideoEditForm />);
    await expectNoAxeViolations(container);
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    await expectNoAxeViolations(container);
    const upload = async () => "https://uploads.example.com/x";
    rerender(<VideoEditForm defaultValues={full} uploadFile={upload} error={new KlingError("network_error")} />);
    await expectNoAxeViolations(container);
    rerender(<VideoEditForm defaultValues={full} busy />);
    await expectNoAxeViolations(container);
  });

  const job = {
    jobId: "j",
    status: "completed",
    creditCost: 40,
    creditsRemaining: 960,
    expiresAt: "2026-11-29T10:00:00Z",
    output: { video: "https://cdn.example.com/out.mp4" },
  };
  const states: Array<[KlingEditStatus, KlingError | undefined, boolean]> = [
    ["pending", undefined, false],
    ["processing", new KlingError("rate_limited", { retryAfterMs: 2_000 }), true],
    ["completed", undefined, false],
    ["failed", new KlingError("job_failed", { message: "No face found." }), false],
    ["expired", new KlingError("expired"), false],
  ];
  it.each(states)("JobProgress: %s", async (status, error, isRetrying) => {
    installFakeClock();
    const { container } = render(
      <JobProgress
        status={status}
        job={{ ...job, status }}
        error={error}
        isRetrying={isRetrying}
        submittedAt={Date.now()}
        onRetry={() => {}}
        onReset={() => {}}
      />,
    );
    await advance(2_000);
    await expectNoAxeViolations(container);
  });

  it("KlingVideoEditor: form, progress, result, error", async () => {
    installFakeClock();
    kling.use({ outputVideoUrl: "https://cdn.example.com/edited.mp4" });
    const { container } = render(
      <KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} defaultValues={full} />,
    );
    await expectNoAxeViolations(container);
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    await advance(8_000);
    await expectNoAxeViolations(container);
    await advance(31_000);
    screen.getByRole("button", { name: "Edit again" });
    await expectNoAxeViolations(container);

    kling.fake.setOptions({ failureRate: 1 });
    fireEvent.click(screen.getByRole("button", { name: "Edit again" }));
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    await advance(40_000);
    screen.getByRole("button", { name: "Try again" });
    await expectNoAxeViolations(container);
  });
});
