import { act, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { JobProgress } from "../../../src/components";
import { installFakeClock } from "../../support/kling";

const tick = (ms: number) => act(() => void vi.advanceTimersByTime(ms));
const elapsed = () => document.querySelector(".kling-progress__elapsed")?.textContent;

describe("JobProgress elapsed time and estimate", () => {
  it("ticks once a second from submittedAt while running, then stops", () => {
    installFakeClock();
    const submittedAt = Date.now() - 5_000;
    const { rerender } = render(<JobProgress status="pending" submittedAt={submittedAt} />);
    tick(0);
    expect(elapsed()).toBe("Elapsed: 0:05");
    tick(1_000);
    expect(elapsed()).toBe("Elapsed: 0:06");
    tick(60_000);
    expect(elapsed()).toBe("Elapsed: 1:06");

    rerender(<JobProgress status="failed" submittedAt={submittedAt} />);
    expect(vi.getTimerCount()).toBe(0);
    tick(10_000);
    expect(elapsed()).toBe("Elapsed: 1:06");
  });

  it("counts from when the job was first seen without submittedAt", () => {
    installFakeClock();
    render(<JobProgress status="processing" />);
    tick(3_000);
    expect(elapsed()).toBe("Elapsed: 0:03");
  });

  it("labels a progress estimate as one, never claims to be done, and admits when it runs long", () => {
    installFakeClock();
    render(<JobProgress status="processing" submittedAt={Date.now()} estimatedDurationMs={100_000} />);
    tick(50_000);
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("50");
    expect(bar.getAttribute("aria-valuetext")).toBe("About 50 % (estimate: edits usually take about 2 min)");
    tick(47_000);
    expect(bar.getAttribute("aria-valuenow")).toBe("95");
    tick(5_000);
    expect(bar.hasAttribute("aria-valuenow")).toBe(false);
    expect(bar.getAttribute("aria-valuetext")).toBe("Taking longer than the usual 2 min");
  });

  it("says an estimate under a minute in seconds", () => {
    installFakeClock();
    render(<JobProgress status="processing" submittedAt={Date.now()} estimatedDurationMs={5_000} />);
    tick(2_000);
    const bar = screen.getByRole("progressbar");
    expect(bar.getAttribute("aria-valuetext")).toBe("About 40 % (estimate: edits usually take about 5 s)");
    tick(4_000);
    expect(bar.getAttribute("aria-valuetext")).toBe("Taking longer than the usual 5 s");
  });

  it("uses Kling's typical three minutes by default", () => {
    installFakeClock();
    render(<JobProgress status="pending" submittedAt={Date.now()} />);
    tick(90_000);
    expect(screen.getByRole("progressbar").getAttribute("aria-valuetext")).toBe(
      "About 50 % (estimate: edits usually take about 3 min)",
    );
  });
});

describe("JobProgress live region", () => {
  it("announces status changes and errors, not the ticking clock", () => {
    installFakeClock();
    const submittedAt = Date.now();
    const { rerender } = render(<JobProgress status="pending" submittedAt={submittedAt} />);
    const region = screen.getByRole("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    const observer = new MutationObserver(() => {});
    observer.observe(region, { subtree: true, childList: true, characterData: true });
    const changed = () => observer.takeRecords().length > 0;

    tick(0);
    tick(10_000);
    expect(elapsed()).toBe("Elapsed: 0:10");
    expect(changed()).toBe(false);

    rerender(<JobProgress status="processing" submittedAt={submittedAt} />);
    expect(changed()).toBe(true);
    expect(region.textContent).toBe("Processing the video…");
    tick(5_000);
    rerender(<JobProgress status="processing" submittedAt={submittedAt} />);
    expect(changed()).toBe(false);
    rerender(<JobProgress status="completed" submittedAt={submittedAt} />);
    expect(changed()).toBe(true);
    expect(region.textContent).toBe("The edited video is ready.");
    observer.disconnect();
  });
});

describe("JobProgress expiry warning", () => {
  it("says the link is temporary, warns when it is about to expire, and offers the download", () => {
    installFakeClock();
    const expiresAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const job = { jobId: "j", status: "completed", expiresAt, output: { video: "https://cdn.example.com/out.mp4" } };
    render(<JobProgress status="completed" job={job} />);
    const warning = () => document.querySelector<HTMLElement>(".kling-progress__expiry")!;
    expect(warning().textContent).toContain("This video link is temporary: download the video to keep it.");
    tick(0);
    expect(warning().textContent).toContain("about 2 h left");
    expect(warning().dataset.urgent).toBeUndefined();
    tick(70 * 60_000);
    expect(warning().dataset.urgent).toBe("true");
    expect(warning().textContent).toContain("This video link expires in 50 min: download the video now to keep it.");
    expect(screen.getByRole("link", { name: "Download the video" }).getAttribute("href")).toBe(
      "https://cdn.example.com/out.mp4",
    );
    tick(60 * 60_000);
    expect(warning().textContent).toContain("This video link has expired.");
  });
});
