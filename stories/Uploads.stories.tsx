import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { createProxyUploader, KlingVideoEditor } from "../src";
import { fakeBackend, fakeStorage, STORY_PROXY_URL } from "./support/fake-backend";

const meta = {
  title: "Simulated mode/Uploads",
  component: KlingVideoEditor,
  args: { persist: false, uploadFile: createProxyUploader({ proxyUrl: STORY_PROXY_URL }) },
  parameters: {
    docs: {
      description: {
        component:
          "`uploadFile: createProxyUploader({ proxyUrl })`: a local clip goes to the proxy's `POST /uploads` for a " +
          "ticket, then straight to the bucket with a presigned PUT. Here the proxy runs in the page and signs for an " +
          "in-memory bucket (`createFakeStorage`), both behind msw: no account, no network.",
      },
    },
  },
} satisfies Meta<typeof KlingVideoEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The shipped 4 s sample, as a file picked from the user's disk. */
const localClip = async () =>
  new File([await (await fetch("/samples/source.mp4")).arrayBuffer()], "my-holiday.mp4", { type: "video/mp4" });

async function expectToPlay(video: HTMLVideoElement) {
  video.muted = true;
  await video.play();
  await waitFor(() => expect(video.currentTime).toBeGreaterThan(0.2));
  video.pause();
}

/**
 * Pick (or drop) a clip: it is read in the browser (it fits, so it goes as it is), uploaded with
 * progress, the preview plays it from the bucket, and the edit runs on the uploaded URL.
 */
export const UploadAndEdit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(/what to change/i), "Make it snow");
    await userEvent.upload(canvas.getByLabelText(/upload a video/i), await localClip());
    const videoUrl = canvas.getByLabelText<HTMLInputElement>(/source video url/i);
    await waitFor(() => expect(videoUrl.value).toMatch(/^https:\/\/storage\.kling\.test\//), { timeout: 10_000 });
    const uploaded = videoUrl.value;
    await expect(fakeStorage().objects.size).toBe(1);

    // The length read from the clip fills the form; the preview plays the file from the bucket.
    await waitFor(() => expect(canvas.getByLabelText(/video length/i)).toHaveValue(4), { timeout: 10_000 });
    const preview = await waitFor(() => canvas.getByLabelText<HTMLVideoElement>(/preview of the source video/i));
    await expectToPlay(preview);
    // A CORS-mode <video> (crossorigin) gets the bucket's answers to its Range requests (206).
    // The preview above is a no-cors request: msw's worker rebuilds it without its Range header
    // (a no-cors Request may not carry one), so the bucket answers the whole file (200), which plays too.
    const ranged = document.createElement("video");
    ranged.crossOrigin = "anonymous";
    ranged.src = uploaded;
    await expectToPlay(ranged);
    await expect(fakeStorage().requests).toContainEqual(expect.objectContaining({ method: "GET", status: 206 }));

    await userEvent.click(canvas.getByRole("button", { name: /start edit/i }));
    await waitFor(() => expect(canvas.getByRole("slider", { name: /comparison divider/i })).toBeVisible(), {
      timeout: 15_000,
    });
    const submit = fakeBackend().requests.find((request) => request.method === "POST");
    await expect(submit?.body).toMatchObject({ video_url: uploaded, video_duration: 4 });
  },
};
