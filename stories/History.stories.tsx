import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { JobProgress, useKlingHistory, useKlingJob, VideoCompare, type KlingHistoryItem } from "../src";
import { fakeProxy, sampleUrl, STORY_PROXY_URL } from "./support/fake-backend";

/** A past edit reopened: its live status (watched through the proxy's stream) and, once done, the comparison. */
function Reopened({ job }: { job: KlingHistoryItem }) {
  const watched = useKlingJob(job.jobId, { submittedAt: Date.parse(job.createdAt) });
  return (
    <div className="history-reopened">
      <JobProgress jobId={job.jobId} submittedAt={Date.parse(job.createdAt)} />
      {watched.videoUrl && <VideoCompare before={job.input.video_url} after={watched.videoUrl} />}
    </div>
  );
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The signed-in user's past edits, from `useKlingHistory`, in plain markup: the list a design system would style. */
function PastEdits() {
  const history = useKlingHistory({ pageSize: 5 });
  const [open, setOpen] = useState<KlingHistoryItem>();
  return (
    <section
      aria-labelledby="past-edits"
      className="kling-root"
      style={{ display: "grid", gap: "1rem", maxWidth: 720 }}
    >
      <h2 id="past-edits">Your edits</h2>
      {history.status === "loading" && <p role="status">Loading your edits…</p>}
      {history.error && <p role="alert">{history.error.message}</p>}
      {history.status === "ready" && history.jobs.length === 0 && <p>No edits yet.</p>}
      <ul style={{ display: "grid", gap: "0.5rem", padding: 0, listStyle: "none" }}>
        {history.jobs.map((job) => (
          <li key={job.jobId} style={{ display: "flex", gap: "1rem", alignItems: "center", flexWrap: "wrap" }}>
            <strong>{job.input.prompt}</strong>
            <span>{job.status}</span>
            {job.creditCost !== undefined && <span>{job.creditCost} credits</span>}
            <span>submitted {when(job.createdAt)}</span>
            <span>link until {when(job.expiresAt)}</span>
            <button
              type="button"
              className="kling-button"
              aria-label={`Open “${job.input.prompt}”`}
              onClick={() => setOpen(job)}
            >
              Open
            </button>
          </li>
        ))}
      </ul>
      {history.hasMore && (
        <button type="button" className="kling-button" disabled={history.isLoadingMore} onClick={history.loadMore}>
          Older edits
        </button>
      )}
      {open && <Reopened key={open.jobId} job={open} />}
    </section>
  );
}

const meta = {
  title: "Hooks/History",
  component: PastEdits,
  // Two edits of the signed-in user already submitted, as on a return visit.
  beforeEach: async () => {
    for (const prompt of ["Make it snow", "Turn day into night"]) {
      await fakeProxy().fetch(`${STORY_PROXY_URL}/models/kling-video-edit/run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt, video_url: sampleUrl("source.mp4"), video_duration: 4 }),
      });
    }
  },
} satisfies Meta<typeof PastEdits>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The list, newest first; "Open" watches the job again (no new submit) and shows the result. */
export const PastEditsReopened: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole("listitem")).toHaveLength(2));
    await expect(canvas.getAllByRole("listitem")[0]).toHaveTextContent("Turn day into night");
    await userEvent.click(canvas.getByRole("button", { name: "Open “Make it snow”" }));
    await waitFor(() => expect(canvas.getByRole("slider", { name: /comparison divider/i })).toBeVisible(), {
      timeout: 15_000,
    });
    await expect(canvas.getByText("The edited video is ready.")).toBeVisible();
    await expect(fakeProxy().fake.requests.filter((request) => request.method === "POST")).toHaveLength(2);
  },
};
