import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { JobProgress, KlingError } from "../../../src";

describe("JobProgress after the watch deadline", () => {
  it("offers Check again (no new submit) when watching timed out", async () => {
    const onRewatch = vi.fn();
    const onRetry = vi.fn();
    render(
      <JobProgress
        status="expired"
        error={new KlingError("timeout", { jobId: "job_1" })}
        onRewatch={onRewatch}
        onRetry={onRetry}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Check again" }));
    expect(onRewatch).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("does not offer it when the result itself expired", () => {
    render(<JobProgress status="expired" error={new KlingError("expired", { jobId: "job_1" })} onRewatch={vi.fn()} />);
    expect(screen.queryByRole("button", { name: "Check again" })).toBeNull();
  });
});

describe("JobProgress after the watch of an accepted job failed", () => {
  it("offers Check again, never a new submit (the job was already charged)", () => {
    const error = new KlingError("internal_error", { status: 500, jobId: "job_1" });
    render(<JobProgress status="failed" error={error} onRetry={vi.fn()} onRewatch={vi.fn()} onReset={vi.fn()} />);
    expect(screen.getByRole("button", { name: "Check again" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("offers Try again after the job itself failed", () => {
    const error = new KlingError("job_failed", { jobId: "job_1" });
    render(<JobProgress status="failed" error={error} onRetry={vi.fn()} onRewatch={vi.fn()} />);
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Check again" })).toBeNull();
  });
});

describe("JobProgress after a submit that may have been charged", () => {
  it("warns, and offers no one-click resend", () => {
    const error = new KlingError("upstream_error", { status: 502, maybeCharged: true });
    render(<JobProgress status="failed" error={error} onRetry={vi.fn()} onReset={vi.fn()} />);
    expect(screen.getByText(/may have started, and been charged/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.getByRole("button", { name: "Start over" })).toBeTruthy();
  });

  it("still offers Try again after a clear refusal that can pass", () => {
    render(<JobProgress status="failed" error={new KlingError("upstream_error", { status: 500 })} onRetry={vi.fn()} />);
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
