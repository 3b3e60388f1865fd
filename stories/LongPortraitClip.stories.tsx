import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { inspectClip, KlingVideoEditor } from "../src";
import { fakeBackend, fakeStorage } from "./support/fake-backend";

const meta = {
  title: "Simulated mode/A long portrait clip",
  component: KlingVideoEditor,
  args: { persist: false },
  parameters: {
    docs: {
      description: {
        component:
          "The clip a phone records: 30 s, portrait. The drop-in editor leads with the clip where the proxy takes " +
          "uploads; the clip is inspected in the browser, the trimmer opens on its first 10 s, the chosen part is cut " +
          "(`prepareClip`, in this page, with WebCodecs) and only that part is uploaded, then edited and compared. Here the " +
          "proxy, the bucket and PixelDojo are simulated behind msw: no account, no network.",
      },
    },
  },
} satisfies Meta<typeof KlingVideoEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

const longClip = async () =>
  new File([await (await fetch("/samples/long-portrait.mp4")).arrayBuffer()], "IMG_0420.mp4", { type: "video/mp4" });

/** Dropped, trimmed to 10 s (from 0:05), uploaded, edited, compared. */
export const DropTrimEdit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The zone appears once the proxy says it takes uploads.
    const picker = await waitFor(() => canvas.getByLabelText(/upload a video/i), { timeout: 10_000 });
    await userEvent.upload(picker, await longClip());
    const selection = await waitFor(() => canvas.getByRole("slider", { name: "Selection" }), { timeout: 15_000 });
    await expect(canvas.getByRole("slider", { name: "End" })).toHaveAttribute(
      "aria-valuetext",
      "End 0:10.0 (10 s selected)",
    );
    selection.focus();
    for (let i = 0; i < 5; i++) await userEvent.keyboard("{PageUp}");
    await expect(selection).toHaveAttribute("aria-valuetext", "0:05.0 to 0:15.0");
    await userEvent.click(canvas.getByRole("button", { name: /use this part/i }));

    const url = canvas.getByLabelText<HTMLInputElement>(/source video url/i);
    await waitFor(() => expect(url.value).toMatch(/^https:\/\/storage\.kling\.test\//), { timeout: 30_000 });
    await expect(canvas.getByLabelText(/video length/i)).toHaveValue(10);
    // What went up is the 10 s part, not the 30 s clip.
    const [stored] = [...fakeStorage().objects.values()];
    const uploaded = await inspectClip(new Blob([stored!.body as BlobPart]));
    await expect(Math.abs(uploaded.durationSeconds - 10)).toBeLessThan(0.1);
    await expect(uploaded.height).toBe(1280);

    await userEvent.type(canvas.getByLabelText(/what to change/i), "Make it snow");
    await userEvent.click(canvas.getByRole("button", { name: /start edit/i }));
    await waitFor(() => expect(canvas.getByRole("slider", { name: /comparison divider/i })).toBeVisible(), {
      timeout: 20_000,
    });
    await expect(fakeBackend().requests.find((request) => request.method === "POST")?.body).toMatchObject({
      video_url: url.value,
      video_duration: 10,
    });
  },
};
