import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { JobProgress, KlingError, VideoEditForm } from "../src";
import { contrast } from "./support/contrast";

const meta = { title: "Theming", parameters: { layout: "padded" } } satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const job = {
  jobId: "j",
  status: "completed",
  expiresAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
  output: { video: "/samples/edited.mp4" },
};

/**
 * The README's one-token theme, `--kling-accent: #0b6e4f`, in light and in dark: the text on the
 * accent, the accent as a link and the focus ring are derived from it, so both stay readable.
 */
export const OneTokenLightAndDark: Story = {
  render: () => (
    <div
      className="my-app"
      style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))", gap: 16 }}
    >
      <style>{".my-app .kling-root { --kling-accent: #0b6e4f; }"}</style>
      {(["light", "dark"] as const).map((scheme) => (
        <section
          key={scheme}
          data-kling-theme={scheme}
          aria-label={`${scheme} scheme`}
          style={{ display: "grid", gap: 12 }}
        >
          <JobProgress status="failed" error={new KlingError("job_failed")} onRetry={() => {}} />
          <JobProgress status="completed" job={job} />
          <VideoEditForm
            defaultValues={{ prompt: "Make it snow", video_url: "https://cdn.example.com/a.mp4", video_duration: 4 }}
          />
        </section>
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    for (const scheme of ["light", "dark"]) {
      const section = within(canvasElement).getByRole("region", { name: `${scheme} scheme` });
      const css = (selector: string) => getComputedStyle(section.querySelector(selector)!);
      for (const button of section.querySelectorAll<HTMLElement>(".kling-button--primary")) {
        const style = getComputedStyle(button);
        await expect(contrast(style.color, style.backgroundColor)).toBeGreaterThanOrEqual(4.5);
      }
      await expect(
        contrast(css(".kling-progress__download").color, css(".kling-progress__expiry").backgroundColor),
      ).toBeGreaterThanOrEqual(4.5);
    }
  },
};
