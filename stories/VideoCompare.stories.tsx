import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { VideoCompare } from "../src";

const meta = {
  title: "Components/VideoCompare",
  component: VideoCompare,
  tags: ["autodocs"],
  args: { before: "/samples/source.mp4", after: "/samples/edited.mp4", loop: true },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 560 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof VideoCompare>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The divider moves by keyboard: arrows, Page Up/Down, Home and End. */
export const Slider: Story = {
  args: { mode: "slider" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const divider = canvas.getByRole("slider", { name: /comparison divider/i });
    await expect(divider).toHaveAttribute("aria-valuenow", "50");
    divider.focus();
    await userEvent.keyboard("{ArrowRight}");
    await expect(divider).toHaveAttribute("aria-valuenow", "51");
    await userEvent.keyboard("{PageDown}");
    await expect(divider).toHaveAttribute("aria-valuenow", "41");
    await userEvent.keyboard("{Home}");
    await expect(divider).toHaveAttribute("aria-valuenow", "0");
    await expect(divider).toHaveAttribute("aria-valuetext", "Original 0 % / Edited 100 %");
    await userEvent.keyboard("{End}");
    await expect(divider).toHaveAttribute("aria-valuenow", "100");
    // Back to the middle, where a viewer sees both sides.
    await userEvent.keyboard("{PageDown}{PageDown}{PageDown}{PageDown}{PageDown}");
    await expect(divider).toHaveAttribute("aria-valuenow", "50");
  },
};

export const SideBySide: Story = { args: { mode: "side-by-side" } };

/** Press and hold (pointer or keyboard) to see the original. */
export const Toggle: Story = { args: { mode: "toggle" } };

export const Portrait: Story = {
  args: { before: "/samples/portrait.mp4", after: "/samples/portrait.mp4" },
};

/** The original is shorter than the edit: it holds its last frame while the edit plays on. */
export const DifferentLengths: Story = { args: { before: "/samples/short.mp4" } };

/** One side cannot load: that pane says so, the other plays. */
export const OneSideFails: Story = {
  args: { before: "/samples/missing.mp4" },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/could not be loaded/i)).toBeVisible(), { timeout: 10_000 });
  },
};

export const Translated: Story = {
  args: {
    labels: {
      region: "Comparaison vidéo",
      before: "Original",
      after: "Modifiée",
      divider: "Séparateur",
      play: "Lecture",
      pause: "Pause",
      download: "Télécharger la vidéo modifiée",
    },
  },
};

/** `dir="rtl"`: the original sits on the right; dragging and the arrow keys are mirrored. */
export const RightToLeft: Story = {
  args: { dir: "rtl", labels: { before: "الأصلي", after: "المعدّل" } },
  play: async ({ canvasElement }) => {
    const divider = within(canvasElement).getByRole("slider", { name: /comparison divider/i });
    divider.focus();
    await userEvent.keyboard("{ArrowLeft}");
    await expect(divider).toHaveAttribute("aria-valuenow", "51");
  },
};

/** `disabled`: nothing the viewer does moves the divider or starts playback. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("slider", { name: /comparison divider/i })).toHaveAttribute("aria-disabled", "true");
    await expect(canvas.getByRole("button", { name: "Play" })).toBeDisabled();
  },
};
