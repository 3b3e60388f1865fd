import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { JobProgress, KlingError, type KlingJob } from "../src";
import { fakeProxy, STORY_PROXY_URL } from "./support/fake-backend";

const job = (status: string, extra: Partial<KlingJob> = {}): KlingJob => ({
  jobId: "job_story",
  status,
  creditCost: 32,
  creditsRemaining: 968,
  expiresAt: new Date(Date.now() + 24 * 3_600_000).toISOString(),
  ...extra,
});

const meta = {
  title: "Components/JobProgress",
  component: JobProgress,
  tags: ["autodocs"],
  args: { status: "pending", onRetry: fn(), onReset: fn() },
  argTypes: {
    status: {
      control: "select",
      options: ["idle", "submitting", "pending", "processing", "completed", "failed", "expired"],
    },
  },
} satisfies Meta<typeof JobProgress>;
export default meta;
type Story = StoryObj<typeof meta>;

const secondsAgo = (s: number) => Date.now() - s * 1000;

export const Pending: Story = { args: { status: "pending", job: job("pending"), submittedAt: secondsAgo(4) } };

export const Processing: Story = {
  args: { status: "processing", job: job("processing"), submittedAt: secondsAgo(75) },
};

/** The result's URL is temporary: a warning and a download link once it is close to expiring. */
export const Completed: Story = {
  args: {
    status: "completed",
    job: job("completed", {
      output: { video: "/samples/edited.mp4" },
      expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(),
    }),
    videoUrl: "/samples/edited.mp4",
    submittedAt: secondsAgo(190),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("link", { name: /download/i })).toHaveAttribute("href", "/samples/edited.mp4");
  },
};

export const Failed: Story = {
  args: {
    status: "failed",
    job: job("failed", { error: "The model could not find the subject to change." }),
    error: new KlingError("job_failed", { message: "The model could not find the subject to change." }),
  },
};

export const OutOfCredits: Story = {
  args: {
    status: "failed",
    error: new KlingError("insufficient_credits", { status: 402, message: "This edit needs 40 credits; 12 are left." }),
  },
};

/** The app's spend limit for this user is used up (the proxy's `quota_exceeded`): when more is allowed, no resend. */
export const QuotaExceeded: Story = {
  args: {
    status: "failed",
    error: new KlingError("quota_exceeded", { status: 429, retryAfterMs: 3 * 3_600_000 }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("You have used up your edits for now; more in 3 h.")).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Try again" })).toBeNull();
  },
};

export const RateLimitedRetrying: Story = {
  args: {
    status: "processing",
    job: job("processing"),
    submittedAt: secondsAgo(40),
    isRetrying: true,
    error: new KlingError("rate_limited", { status: 429, retryAfterMs: 20_000 }),
  },
};

export const NetworkLostRetrying: Story = {
  args: {
    status: "processing",
    job: job("processing"),
    submittedAt: secondsAgo(40),
    isRetrying: true,
    error: new KlingError("network_error"),
  },
};

export const Expired: Story = {
  args: { status: "expired", job: job("processing"), error: new KlingError("timeout") },
};

/** The watch stopped at its deadline while the job still ran: "Check again" looks again, no new submit. */
export const WatchTimedOut: Story = {
  args: {
    status: "expired",
    job: job("processing"),
    error: new KlingError("timeout", { jobId: "job_story" }),
    onRewatch: fn(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Check again" }));
    await expect(args.onRewatch).toHaveBeenCalledTimes(1);
  },
};

/** A submit got no clear answer (a 502 here): it may have been charged, so no one-click resend. */
export const SubmitMayHaveBeenCharged: Story = {
  args: {
    status: "failed",
    error: new KlingError("upstream_error", { status: 502, maybeCharged: true }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/may have started, and been charged/)).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Try again" })).toBeNull();
  },
};

let watchedJobId = "";

/** Given a `jobId`, it watches the job itself (here on the simulated backend). */
export const WatchingAJobById: Story = {
  args: { status: "pending" },
  // A job started elsewhere (by the app's server, say): submitted to the proxy outside the page.
  beforeEach: async () => {
    const response = await fakeProxy().fetch(`${STORY_PROXY_URL}/models/kling-video-edit/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "Make it snow", video_url: "https://cdn.example.com/a.mp4", video_duration: 4 }),
    });
    watchedJobId = ((await response.json()) as KlingJob).jobId;
  },
  render: ({ onRetry, onReset }) => <JobProgress jobId={watchedJobId} onRetry={onRetry} onReset={onReset} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/ready/i)).toBeVisible(), { timeout: 15_000 });
  },
};
