// @vitest-environment node
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { KlingError, KlingProvider, type KlingEditStatus } from "../../src";
import { JobProgress, KlingVideoEditor, VideoEditForm } from "../../src/components";

const upload = async () => "https://uploads.example.com/x.mp4";

describe("server rendering touches no window or document", () => {
  it("runs where there is no DOM at all", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
    expect(typeof sessionStorage).toBe("undefined");
  });

  it("VideoEditForm, with a preview, images, uploads and an error", () => {
    const html = renderToString(
      <VideoEditForm
        defaultValues={{
          prompt: "Make it snow",
          video_url: "https://cdn.example.com/a.mp4",
          video_duration: 5,
          image_urls: ["https://cdn.example.com/ref.png"],
        }}
        uploadFile={upload}
        error={new KlingError("upstream_error")}
      />,
    );
    expect(html).toContain('class="kling-root kling-form"');
    expect(html).toContain('data-state="idle"');
    expect(html).toContain("<video");
    expect(html).toContain("The video service had a problem.");
  });

  const statuses: KlingEditStatus[] = ["idle", "submitting", "pending", "processing", "completed", "failed", "expired"];
  it.each(statuses)("JobProgress, %s", (status) => {
    const job = {
      jobId: "j",
      status,
      creditCost: 40,
      expiresAt: "2026-11-29T10:00:00Z",
      output: { video: "https://cdn.example.com/out.mp4" },
    };
    const html = renderToString(
      <JobProgress
        status={status}
        job={job}
        submittedAt={0}
        error={status === "failed" ? new KlingError("job_failed") : undefined}
      />,
    );
    expect(html).toContain(`data-status="${status}"`);
    // No clock is read during render: the elapsed time appears only after the first tick.
    expect(html).not.toContain("Elapsed");
  });

  it("JobProgress watching a job id", () => {
    const html = renderToString(
      <KlingProvider proxyUrl="/api/kling">
        <JobProgress jobId="job_1" />
      </KlingProvider>,
    );
    expect(html).toContain('data-status="pending"');
  });

  it("KlingVideoEditor with its own provider", () => {
    const html = renderToString(<KlingVideoEditor proxyUrl="/api/kling" />);
    expect(html).toContain('data-step="form"');
    expect(html).toContain('class="kling-root kling-form"');
  });
});
