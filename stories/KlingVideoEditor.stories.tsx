import type { Meta, StoryObj } from "@storybook/react-vite";
import { useEffect } from "react";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { KlingVideoEditor } from "../src";
import { fakeBackend, fakeProxy, sampleUrl, STORY_FAKE_DEFAULTS } from "./support/fake-backend";

const meta = {
  title: "Components/KlingVideoEditor",
  component: KlingVideoEditor,
  tags: ["autodocs"],
  args: { persist: false },
} satisfies Meta<typeof KlingVideoEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const SAMPLE_URL = sampleUrl("source.mp4");

async function fillAndSubmit(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText(/what to change/i), "Make it snow");
  await userEvent.type(canvas.getByLabelText(/source video url/i), SAMPLE_URL);
  // The length is read from the preview's metadata.
  await waitFor(() => expect(canvas.getByLabelText(/video length/i)).toHaveValue(4), { timeout: 10_000 });
  await userEvent.click(canvas.getByRole("button", { name: /start edit/i }));
  return canvas;
}

/** The whole flow on the simulated backend: form, progress, comparison. */
export const SubmitToCompletion: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(/queue|processing/i));
    await waitFor(() => expect(canvas.getByRole("slider", { name: /comparison divider/i })).toBeVisible(), {
      timeout: 15_000,
    });
    await expect(fakeBackend().requests.filter((r) => r.method === "POST")).toHaveLength(1);
    // Pushed, not polled: one event stream for the whole job, and no status request.
    const browser = fakeProxy().requests.map((r) => `${r.method} ${r.path.replace(/job_\w+/, "{id}")}`);
    // (Besides the one question whether the proxy takes uploads.)
    await expect(browser.filter((line) => !line.endsWith(" /uploads"))).toEqual([
      "POST /models/kling-video-edit/run",
      "GET /jobs/{id}/events",
    ]);
    await userEvent.click(canvas.getByRole("button", { name: /edit again/i }));
    await expect(canvas.getByLabelText(/what to change/i)).toHaveValue("Make it snow");
  },
};

export const ValidationErrors: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/source video url/i), "javascript:alert(1)");
    await userEvent.click(canvas.getByRole("button", { name: /start edit/i }));
    await expect(canvas.getByText("The video URL must be an absolute http(s) URL.")).toBeVisible();
    await expect(fakeBackend().requests).toHaveLength(0);
  },
};

/** The job fails upstream; "Try again" sends the same input once more, and it completes. */
export const ErrorAndRetry: Story = {
  parameters: { fake: { failureRate: 1, failureMessage: "The model could not find the subject to change." } },
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await waitFor(() => expect(canvas.getByText(/could not find the subject/i)).toBeVisible(), { timeout: 15_000 });
    fakeBackend().setOptions({ failureRate: 0 });
    await userEvent.click(canvas.getByRole("button", { name: /try again/i }));
    await waitFor(() => expect(canvas.getByRole("slider", { name: /comparison divider/i })).toBeVisible(), {
      timeout: 15_000,
    });
    await expect(fakeBackend().requests.filter((r) => r.method === "POST")).toHaveLength(2);
  },
};

export const OutOfCredits: Story = {
  parameters: { fake: { credits: 5 } },
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await waitFor(() => expect(canvas.getByText(/No credits left/i)).toBeVisible());
  },
};

interface PlaygroundArgs {
  processingSeconds: number;
  failureRate: number;
  rateLimitRate: number;
  serverErrorRate: number;
  credits: number;
}

/** Steers the simulated backend from the controls while the editor runs on it. */
function Playground(args: PlaygroundArgs) {
  const { processingSeconds, failureRate, rateLimitRate, serverErrorRate, credits } = args;
  useEffect(() => {
    fakeBackend().setOptions({
      processingMs: processingSeconds * 1000,
      failureRate,
      rateLimitRate,
      serverErrorRate,
      retryAfterSeconds: 2,
    });
  }, [processingSeconds, failureRate, rateLimitRate, serverErrorRate]);
  // The balance changes when the control does (a submit then draws on the new one).
  useEffect(() => fakeBackend().setOptions({ credits }), [credits]);
  return (
    <>
      <KlingVideoEditor
        persist={false}
        defaultValues={{ prompt: "Make it snow", video_url: SAMPLE_URL }}
        // The progress estimate follows the simulated job: its time in the queue, then processing.
        estimatedDurationMs={(STORY_FAKE_DEFAULTS.queueMs ?? 0) + processingSeconds * 1000}
      />
      <p style={{ fontSize: 12, opacity: 0.8 }}>
        Simulated backend: no key, no network. Balance set to {credits} credits (each submit draws on it).
      </p>
    </>
  );
}

export const PlaygroundOnTheSimulatedBackend: StoryObj<PlaygroundArgs> = {
  render: (args) => <Playground {...args} />,
  args: { processingSeconds: 3, failureRate: 0, rateLimitRate: 0, serverErrorRate: 0, credits: 1000 },
  argTypes: {
    processingSeconds: { control: { type: "range", min: 1, max: 60, step: 1 } },
    failureRate: { control: { type: "range", min: 0, max: 1, step: 0.05 } },
    rateLimitRate: { control: { type: "range", min: 0, max: 0.9, step: 0.05 } },
    serverErrorRate: { control: { type: "range", min: 0, max: 0.9, step: 0.05 } },
    credits: { control: { type: "number", min: 0 } },
  },
  // Only the controls above do something here; the editor's own props are the other stories'.
  parameters: {
    controls: { include: ["processingSeconds", "failureRate", "rateLimitRate", "serverErrorRate", "credits"] },
  },
};
