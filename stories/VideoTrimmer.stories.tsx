import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { inspectClip, VideoTrimmer } from "../src";

/** A shipped sample clip, as a file picked from the user's disk, and what `inspectClip` reads of it. */
async function sample(name: string) {
  const file = new File([await (await fetch(`/samples/${name}`)).arrayBuffer()], name, { type: "video/mp4" });
  return { file, info: await inspectClip(file) };
}

const meta = {
  title: "Components/VideoTrimmer",
  component: VideoTrimmer,
  tags: ["autodocs"],
  args: { onValueCommit: fn() },
  parameters: {
    docs: {
      description: {
        component:
          "Choose the part of a clip to keep: a looping preview of the selection, a strip of frames drawn from the file, " +
          'two handles and the window itself (`role="slider"` each), by pointer, touch or keyboard (arrows 0.1 s, ' +
          "PageUp/PageDown 1 s, Home/End). The window stays within the limits (3–10 s by default); a clip longer than " +
          "the limit opens with its first 10 s. Markup over `useClipTrim`.",
      },
    },
  },
  loaders: [async () => sample("long-portrait.mp4")],
  render: (args, { loaded }) => (
    <VideoTrimmer
      {...args}
      file={loaded.file as File}
      info={loaded.info as Awaited<ReturnType<typeof sample>>["info"]}
      style={{ maxWidth: 480 }}
    />
  ),
} satisfies Meta<typeof VideoTrimmer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A 30 s portrait clip (720×1280): the window opens on its first 10 s; trimmed here by keyboard alone. */
export const LongPortraitClip: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const start = canvas.getByRole("slider", { name: "Start" });
    const end = canvas.getByRole("slider", { name: "End" });
    await expect(end).toHaveAttribute("aria-valuetext", "End 0:10.0 (10 s selected)");
    // The frames are drawn from the file itself.
    await waitFor(() => expect(canvasElement.querySelectorAll(".kling-trimmer__frame img").length).toBe(8), {
      timeout: 15_000,
    });

    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Play selection" })).toHaveFocus();
    await userEvent.tab();
    await expect(start).toHaveFocus();
    await userEvent.keyboard("{PageUp}{PageUp}{ArrowRight}");
    await expect(start).toHaveAttribute("aria-valuetext", "Start 0:02.1");
    await userEvent.tab();
    await userEvent.keyboard("{PageUp}{PageUp}{PageUp}");
    await expect(canvas.getByRole("slider", { name: "Selection" })).toHaveAttribute(
      "aria-valuetext",
      "0:05.1 to 0:13.0",
    );
    await userEvent.tab();
    await expect(end).toHaveFocus();
    await userEvent.keyboard("{End}");
    await expect(end).toHaveAttribute("aria-valuetext", "End 0:15.1 (10 s selected)");
    await expect(args.onValueCommit).toHaveBeenLastCalledWith({ start: 5.1, end: 15.1 });
    await expect(canvas.getByText("10 s selected of 30 s")).toBeVisible();
  },
};

/** Strings in another language, through `labels`. */
export const Translated: Story = {
  args: {
    labels: {
      region: "Clip zuschneiden",
      start: "Anfang",
      end: "Ende",
      window: "Auswahl",
      play: "Auswahl abspielen",
      pause: "Anhalten",
      preview: "Vorschau der Auswahl",
      endText: (end, length, labels) => `${labels.end} ${labels.time(end)} (${labels.length(length)} gewählt)`,
      summary: (length, duration, labels) => `${labels.length(length)} von ${labels.length(duration)} gewählt`,
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("group", { name: "Clip zuschneiden" })).toBeVisible();
    await expect(canvas.getByRole("slider", { name: "Ende" })).toHaveAttribute(
      "aria-valuetext",
      "Ende 0:10.0 (10 s gewählt)",
    );
  },
};

/** A 2 s clip: no window of at least 3 s fits, and the trimmer says so. */
export const TooShort: Story = {
  loaders: [async () => sample("short.mp4")],
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText("This clip is 2 s long; at least 3 s are needed.")).toBeVisible();
  },
};
