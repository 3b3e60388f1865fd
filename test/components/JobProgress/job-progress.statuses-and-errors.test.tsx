import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { KLING_ERROR_MESSAGES, KlingError, type KlingEditStatus, type KlingErrorCode } from "../../../src";
import { DEFAULT_PROGRESS_LABELS, JobProgress } from "../../../src/components";

const job = { jobId: "job_1", status: "processing", creditCost: 40, creditsRemaining: 960 };
const root = (container: HTMLElement) => container.querySelector<HTMLElement>(".kling-progress")!;
const announced = () => screen.getByRole("status").textContent;
const buttons = () => screen.queryAllByRole("button").map((b) => b.textContent);

describe("JobProgress statuses", () => {
  const cases: Array<[KlingEditStatus, string, boolean]> = [
    ["idle", "Not started.", false],
    ["submitting", "Submitting the edit…", true],
    ["pending", "Submitted: waiting in the queue…", true],
    ["processing", "Processing the video…", true],
    ["completed", "The edited video is ready.", false],
    ["failed", "The edit did not finish.", false],
    ["expired", "No result to show.", false],
  ];
  it.each(cases)("%s: says so, exposes data-status, and shows a bar only while running", (status, text, bar) => {
    const { container } = render(<JobProgress status={status} />);
    expect(root(container).dataset.status).toBe(status);
    expect(announced()).toBe(text);
    expect(screen.queryByRole("progressbar") !== null).toBe(bar);
  });

  it("shows the credits charged and remaining that the API reported", () => {
    render(<JobProgress status="pending" job={{ ...job, status: "pending" }} />);
    expect(screen.getByText("Credits charged: 40")).toBeTruthy();
    expect(screen.getByText("Credits remaining: 960")).toBeTruthy();
  });

  it("offers the finished video for download", () => {
    render(
      <JobProgress
        status="completed"
        job={{ ...job, status: "completed", output: { video: "https://cdn.example.com/out.mp4" } }}
      />,
    );
    expect(screen.getByRole("link", { name: "Download the video" }).getAttribute("href")).toBe(
      "https://cdn.example.com/out.mp4",
    );
  });

  it("takes replacement labels one status at a time", () => {
    render(<JobProgress status="processing" labels={{ status: { processing: "Wird bearbeitet" } }} />);
    expect(announced()).toBe("Wird bearbeitet");
  });

  it("is indeterminate without an estimate", () => {
    render(<JobProgress status="processing" estimatedDurationMs={null} submittedAt={Date.now()} />);
    const bar = screen.getByRole("progressbar");
    expect(bar.hasAttribute("aria-valuenow")).toBe(false);
    expect(bar.dataset.indeterminate).toBe("true");
    expect(bar.getAttribute("aria-valuetext")).toBe("No estimate of the remaining time");
  });
});

describe("JobProgress errors", () => {
  const failed: Array<[KlingErrorCode, KlingEditStatus, string, string[]]> = [
    [
      "insufficient_credits",
      "failed",
      "No credits left: add credits to your account to run this edit.",
      ["Start over"],
    ],
    ["unauthorized", "failed", KLING_ERROR_MESSAGES.unauthorized, ["Start over"]],
    ["forbidden", "failed", KLING_ERROR_MESSAGES.forbidden, ["Start over"]],
    ["invalid_input", "failed", KLING_ERROR_MESSAGES.invalid_input, ["Start over"]],
    ["not_found", "failed", KLING_ERROR_MESSAGES.not_found, ["Try again", "Start over"]],
    ["rate_limited", "failed", KLING_ERROR_MESSAGES.rate_limited, ["Try again", "Start over"]],
    ["upstream_error", "failed", KLING_ERROR_MESSAGES.upstream_error, ["Try again", "Start over"]],
    ["network_error", "failed", KLING_ERROR_MESSAGES.network_error, ["Try again", "Start over"]],
    ["bad_response", "failed", KLING_ERROR_MESSAGES.bad_response, ["Try again", "Start over"]],
    ["job_failed", "failed", "The edit failed.", ["Try again", "Start over"]],
    ["timeout", "expired", KLING_ERROR_MESSAGES.timeout, ["Start over"]],
    ["expired", "expired", "The result has expired and is no longer stored.", ["Start over"]],
  ];
  it.each(failed)("%s: a specific message and the actions that fit", (code, status, message, actions) => {
    const onRetry = vi.fn();
    const onReset = vi.fn();
    render(<JobProgress status={status} error={new KlingError(code)} onRetry={onRetry} onReset={onReset} />);
    expect(announced()).toBe(DEFAULT_PROGRESS_LABELS.status[status] + message);
    expect(buttons()).toEqual(actions);
    for (const name of actions) fireEvent.click(screen.getByRole("button", { name }));
    expect(onRetry).toHaveBeenCalledTimes(actions.includes("Try again") ? 1 : 0);
    expect(onReset).toHaveBeenCalledTimes(1);
  });

  it("job_failed shows the upstream's reason", () => {
    render(<JobProgress status="failed" error={new KlingError("job_failed", { message: "Face not detected." })} />);
    expect(screen.getByText("The edit failed: Face not detected.")).toBeTruthy();
  });

  it("while retrying: rate limited with the Retry-After wait, connection lost, other failures; no buttons", () => {
    const props = { status: "processing" as const, isRetrying: true, onRetry: vi.fn(), onReset: vi.fn() };
    const { rerender, container } = render(
      <JobProgress {...props} error={new KlingError("rate_limited", { retryAfterMs: 2_500 })} />,
    );
    expect(screen.getByText("Rate limited, retrying in 3 s.")).toBeTruthy();
    expect(root(container).dataset.retrying).toBe("true");
    expect(buttons()).toEqual([]);
    rerender(<JobProgress {...props} error={new KlingError("rate_limited")} />);
    expect(screen.getByText(`${KLING_ERROR_MESSAGES.rate_limited} Retrying…`)).toBeTruthy();
    rerender(<JobProgress {...props} error={new KlingError("network_error")} />);
    expect(screen.getByText(`${KLING_ERROR_MESSAGES.network_error} Retrying…`)).toBeTruthy();
    rerender(<JobProgress {...props} error={new KlingError("upstream_error")} />);
    expect(screen.getByText(`${KLING_ERROR_MESSAGES.upstream_error} Retrying…`)).toBeTruthy();
    rerender(<JobProgress {...props} isOffline error={new KlingError("network_error")} />);
    expect(announced()).toContain("You are offline");
  });
});
