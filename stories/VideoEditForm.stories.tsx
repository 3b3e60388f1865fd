import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { KlingError, TIERS, useVideoEditForm, VideoEditForm, type NormalizedEditInput } from "../src";
import { sampleUrl } from "./support/fake-backend";

const SOURCE = sampleUrl("source.mp4");

const meta = {
  title: "Components/VideoEditForm",
  component: VideoEditForm,
  tags: ["autodocs"],
  args: { onSubmit: fn() },
  parameters: {
    docs: { description: { component: "Every upstream parameter, validated by `validateEditInput` itself." } },
  },
} satisfies Meta<typeof VideoEditForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};

export const Filled: Story = {
  args: {
    defaultValues: {
      prompt: "Turn the scene into a snowy winter evening",
      video_url: SOURCE,
      tier: "standard",
      image_urls: [],
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The duration comes from the preview's own metadata.
    await waitFor(() => expect(canvas.getByLabelText(/video length/i)).toHaveValue(4), { timeout: 10_000 });
  },
};

/** Submitting an empty form: a message at each field, focus on the first, nothing sent. */
export const Invalid: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: /start edit/i }));
    await expect(canvas.getByLabelText(/what to change/i)).toHaveFocus();
    await expect(canvas.getByLabelText(/what to change/i)).toHaveAttribute("aria-invalid", "true");
    await expect(canvas.getByText("Describe the change you want to make.")).toBeVisible();
    await expect(canvas.getByText("Give the URL of the source video.")).toBeVisible();
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

/** With `uploadFile`, a local file can be picked; progress shows until the URL comes back. */
export const Uploading: Story = {
  args: {
    uploadFile: (_file, { onProgress, signal }) =>
      new Promise<string>((resolve, reject) => {
        let percent = 0;
        const timer = setInterval(() => {
          percent = Math.min(percent + 7, 90);
          onProgress?.(percent / 100);
        }, 200);
        signal?.addEventListener("abort", () => {
          clearInterval(timer);
          reject(signal.reason);
        });
        // Stays at 90 % for a long while: the story shows the uploading state.
        setTimeout(() => resolve(SOURCE), 60_000);
      }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The shipped sample: the clip is read first (it fits the limits), then uploaded as it is.
    const file = new File([await (await fetch("/samples/source.mp4")).arrayBuffer()], "clip.mp4", {
      type: "video/mp4",
    });
    await userEvent.upload(canvas.getByLabelText(/upload a video/i), file);
    await waitFor(() => expect(canvas.getByRole("progressbar", { name: /upload progress/i })).toBeVisible(), {
      timeout: 10_000,
    });
  },
};

export const Busy: Story = {
  args: {
    busy: true,
    defaultValues: { prompt: "Make it snow", video_url: SOURCE, video_duration: 4 },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("button", { name: /submitting/i })).toBeDisabled();
  },
};

/** An error from the server: its message at form level, its field errors at their fields. */
export const WithFormError: Story = {
  args: {
    defaultValues: { prompt: "Make it snow", video_url: SOURCE, video_duration: 4 },
    error: new KlingError("insufficient_credits", { status: 402, message: "This edit needs 32 credits; 10 are left." }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/10 are left/)).toBeVisible();
  },
};

export const Disabled: Story = { args: { disabled: true } };

/**
 * A 30 s clip picked: the trimmer opens under the upload, on the clip's first 10 s; "Use this
 * part" cuts it in the page (`prepareClip`) and hands the 10 s file to `uploadFile`.
 */
export const TrimALongClip: Story = {
  args: {
    uploadFile: fn(async (file: File) => {
      void file;
      return SOURCE;
    }),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const clip = new File([await (await fetch("/samples/long-portrait.mp4")).arrayBuffer()], "IMG_0420.mp4", {
      type: "video/mp4",
    });
    await userEvent.upload(canvas.getByLabelText(/upload a video/i), clip);
    const end = await waitFor(() => canvas.getByRole("slider", { name: "End" }), { timeout: 15_000 });
    await expect(end).toHaveAttribute("aria-valuetext", "End 0:10.0 (10 s selected)");
    end.focus();
    await userEvent.keyboard("{PageDown}{PageDown}");
    await expect(canvas.getByRole("status")).toHaveTextContent(
      "This clip is longer than 10 s: choose the part to keep.",
    );
    await userEvent.click(canvas.getByRole("button", { name: /use this part/i }));
    await waitFor(() => expect(args.uploadFile).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    const uploaded = (args.uploadFile as unknown as ReturnType<typeof fn>).mock.calls[0]![0] as File;
    await expect(uploaded).not.toBe(clip);
    await expect(uploaded.type).toBe("video/mp4");
    await waitFor(() => expect(canvas.getByLabelText(/video length/i)).toHaveValue(8));
  },
};

/**
 * A design system's segmented control (here: buttons, as a Radix ToggleGroup or RadioGroup
 * renders them) for the tier, from `getTierGroupProps` and `getTierOptionProps`: `value` +
 * `onValueChange`, no native radio. Pressed again, a toggle says "": the tier stays.
 */
function SegmentedTier({ onSubmit }: { onSubmit?: (input: NormalizedEditInput) => unknown }) {
  const form = useVideoEditForm({
    onSubmit,
    defaultValues: { prompt: "Make it snow", video_url: SOURCE, video_duration: 4 },
  });
  const { value, onValueChange, disabled, ...group } = form.getTierGroupProps();
  return (
    <form {...form.getFormProps({ className: "kling-root" })}>
      <div role="radiogroup" {...group} style={{ display: "inline-flex", gap: 4 }}>
        {TIERS.map((tier) => {
          const option = form.getTierOptionProps(tier);
          return (
            <button
              key={tier}
              type="button"
              role="radio"
              className="kling-button"
              id={option.id}
              aria-checked={value === tier}
              disabled={disabled || option.disabled}
              onClick={() => onValueChange(value === tier ? "" : tier)}
            >
              {tier === "pro" ? form.labels.tierPro : form.labels.tierStandard}
            </button>
          );
        })}
      </div>
      <p>{`Chosen: ${form.values.tier}, about ${form.estimate(form.values.tier)} credits (estimate)`}</p>
      <button type="submit" className="kling-button kling-button--primary">
        {form.labels.submit}
      </button>
    </form>
  );
}

export const TierOnASegmentedControl: Story = {
  render: (args) => <SegmentedTier onSubmit={args.onSubmit} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const standard = canvas.getByRole("radio", { name: "Standard" });
    await userEvent.click(standard);
    await expect(standard).toHaveAttribute("aria-checked", "true");
    await userEvent.click(standard);
    await expect(standard).toHaveAttribute("aria-checked", "true");
    await userEvent.click(canvas.getByRole("button", { name: /start edit/i }));
    await expect(args.onSubmit).toHaveBeenCalledWith(expect.objectContaining({ tier: "standard" }));
  },
};
