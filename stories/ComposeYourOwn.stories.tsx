import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fireEvent, userEvent, waitFor, within } from "storybook/test";
import {
  COMPARE_POSITION_STEP,
  TIERS,
  useJobProgress,
  useKlingEdit,
  useVideoCompareContext,
  useVideoEditForm,
  VideoCompareDivider,
  VideoComparePane,
  VideoComparePlay,
  VideoCompareRoot,
  VideoCompareStage,
  VideoCompareStatus,
  VideoCompareVideo,
  type JobProgressSource,
  type NormalizedEditInput,
} from "../src";
import { sampleUrl } from "./support/fake-backend";

// The headless layer with plain elements and a few lines of the app's own CSS: none of the
// library's classes, so none of its stylesheet applies. A design system puts its own inputs,
// buttons and slider where these plain ones are.

const meta = { title: "Compose your own", parameters: { layout: "padded" } } satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

/** The app's CSS for the comparison: two stacked videos, the original clipped at the divider. */
const compareCss = `
.my-stage { position: relative; display: grid; max-width: 480px; touch-action: pan-y; user-select: none; }
.my-pane { grid-area: 1 / 1; }
.my-pane video { display: block; width: 100%; }
.my-pane[data-side="before"] { z-index: 1; clip-path: inset(0 calc(100% - var(--kling-compare-position)) 0 0); }
.my-divider { position: absolute; z-index: 2; inset-block: 0; left: var(--kling-compare-position); width: 44px; translate: -50% 0; cursor: ew-resize; touch-action: none; }
.my-divider::before { content: ""; position: absolute; inset: 0 auto 0 50%; width: 3px; background: #fff; box-shadow: 0 0 3px #000; }
.my-divider:focus-visible { outline: 3px solid #1d4ed8; }
.my-caption { position: absolute; top: 4px; padding: 2px 6px; background: #000c; color: #fff; font-size: 12px; }
`;

function Caption({ side }: { side: "before" | "after" }) {
  const { labels } = useVideoCompareContext();
  return (
    <span className="my-caption" style={side === "before" ? { left: 4 } : { right: 4 }}>
      {labels[side]}
    </span>
  );
}

/** The comparison from its parts: the app's own captions and controls inside. */
function MyCompare({ before, after }: { before: string; after: string }) {
  return (
    <VideoCompareRoot before={before} after={after} defaultAudio="off" loop>
      <style>{compareCss}</style>
      <VideoCompareStage className="my-stage">
        {(["before", "after"] as const).map((side) => (
          <VideoComparePane key={side} side={side} className="my-pane">
            <VideoCompareVideo side={side} />
            <Caption side={side} />
            <VideoCompareStatus side={side} />
          </VideoComparePane>
        ))}
        <VideoCompareDivider className="my-divider" />
      </VideoCompareStage>
      <p>
        <VideoComparePlay />
      </p>
    </VideoCompareRoot>
  );
}

export const ComparisonFromTheParts: Story = {
  render: () => <MyCompare before="/samples/source.mp4" after="/samples/edited.mp4" />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const divider = canvas.getByRole("slider", { name: "Comparison divider" });
    divider.focus();
    await userEvent.keyboard("{PageUp}");
    await expect(divider).toHaveAttribute("aria-valuetext", "Original 60 % / Edited 40 %");
    await expect(
      canvas.getByRole("group", { name: "Video comparison" }).style.getPropertyValue("--kling-compare-position"),
    ).toBe("60%");
  },
};

/** A design system's slider (here a plain range input, as a Radix Slider would be) drives the divider. */
function OwnSlider({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const { getDividerValueProps } = useVideoCompareContext();
  // Its own role, keys and value; the divider's name and value text from the hook.
  return (
    <input
      type="range"
      min={0}
      max={100}
      step={COMPARE_POSITION_STEP}
      value={value}
      onChange={(event) => onChange(+event.currentTarget.value)}
      {...getDividerValueProps<HTMLInputElement>()}
    />
  );
}

/** Bring your own slider and buttons: `externalSlider` leaves one slider for screen readers, `asChild` renders the app's button. */
function ByoCompare() {
  // A slider that shows the position needs it as state: a render per move, the app's choice.
  const [position, setPosition] = useState(50);
  return (
    <VideoCompareRoot
      before="/samples/source.mp4"
      after="/samples/edited.mp4"
      defaultAudio="off"
      externalSlider
      position={position}
      onPositionChange={setPosition}
    >
      <style>{compareCss}</style>
      <VideoCompareStage className="my-stage">
        {(["before", "after"] as const).map((side) => (
          <VideoComparePane key={side} side={side} className="my-pane">
            <VideoCompareVideo side={side} />
          </VideoComparePane>
        ))}
        <VideoCompareDivider className="my-divider" />
      </VideoCompareStage>
      <p style={{ display: "flex", gap: 8 }}>
        <VideoComparePlay asChild>
          <button type="button" className="my-button" data-state="idle">
            Play / pause
          </button>
        </VideoComparePlay>
        <OwnSlider value={position} onChange={setPosition} />
      </p>
    </VideoCompareRoot>
  );
}

export const BringYourOwnSlider: Story = {
  render: () => <ByoCompare />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [slider, ...others] = canvas.getAllByRole("slider");
    await expect(others).toHaveLength(0);
    await expect(slider).toHaveAccessibleName("Comparison divider");
    // The range input's own change (user-event does not drive range keys).
    await fireEvent.change(slider!, { target: { value: "100" } });
    await waitFor(() => expect(slider).toHaveAttribute("aria-valuetext", "Original 100 % / Edited 0 %"));
    // The app's button keeps its own data-state; the playback reads from data-playback.
    const button = canvas.getByRole("button", { name: "Play / pause" });
    await expect(button).toHaveAttribute("data-state", "idle");
    await expect(button).toHaveAttribute("data-playback", "paused");
  },
};

/** Where an edit stands, from `useJobProgress`: the same words and actions as JobProgress, in the app's markup. */
function MyProgress({
  source,
  onRetry,
  onReset,
}: {
  source: JobProgressSource;
  onRetry: () => void;
  onReset: () => void;
}) {
  const progress = useJobProgress(source, { onRetry, onReset, estimatedDurationMs: 4_000 });
  return (
    <section aria-label={progress.title}>
      <p role="status">{progress.announcement}</p>
      {progress.progress && (
        <progress
          aria-label={progress.labels.progress}
          aria-valuetext={progress.progress.text}
          max={100}
          value={progress.progress.percent}
        />
      )}
      {progress.facts.charged && <p>{progress.facts.charged}</p>}
      {progress.actions.map((action) => (
        <button key={action.name} type="button" onClick={action.run}>
          {action.label}
        </button>
      ))}
    </section>
  );
}

/** The form from `useVideoEditForm`: plain inputs that get their ids, ARIA and handlers from prop getters. */
function MyForm({ onSubmit, busy }: { onSubmit: (input: NormalizedEditInput) => unknown; busy: boolean }) {
  const form = useVideoEditForm({ onSubmit, busy, defaultValues: { video_url: sampleUrl("source.mp4") } });
  const { labels } = form;
  const message = (field: "prompt" | "video_url" | "video_duration") =>
    form.messageOf(field) && (
      <small id={form.ids.message(field)} style={{ color: "#b42318", display: "block" }}>
        {form.messageOf(field)}
      </small>
    );
  return (
    <form {...form.getFormProps()} style={{ display: "grid", gap: 8, maxWidth: 480 }}>
      <label {...form.getLabelProps("prompt")}>{labels.prompt}</label>
      <textarea {...form.getFieldProps("prompt")} />
      <small id={form.ids.promptHint}>{labels.promptHint}</small>
      <small id={form.ids.promptCount}>
        {labels.promptCount(form.values.prompt.length, form.limits.maxPromptLength)}
      </small>
      {message("prompt")}
      <label {...form.getLabelProps("video_url")}>{labels.videoUrl}</label>
      <input {...form.getFieldProps("video_url")} />
      {message("video_url")}
      {form.previewUrl && <video {...form.getPreviewProps()} style={{ maxWidth: 200 }} />}
      <label {...form.getLabelProps("video_duration")}>{labels.duration}</label>
      <input {...form.getFieldProps("video_duration")} />
      <small id={form.ids.durationHint}>{form.durationHint}</small>
      {message("video_duration")}
      <fieldset>
        <legend>{labels.tier}</legend>
        {TIERS.map((tier) => (
          <label key={tier} style={{ marginInlineEnd: 12 }}>
            <input {...form.getTierProps(tier)} /> {tier} ({form.estimate(tier) ?? "?"} credits, estimate)
          </label>
        ))}
      </fieldset>
      <label>
        <input {...form.getFieldProps("keep_audio")} /> {labels.keepAudio}
      </label>
      <button type="submit" disabled={!form.canSubmit}>
        {busy ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}

/** The whole editor from the hooks: `useKlingEdit`, `useVideoEditForm`, `useJobProgress` and the compare parts. */
function MyEditor() {
  const edit = useKlingEdit({ persist: false });
  return (
    <div style={{ display: "grid", gap: 16, fontFamily: "system-ui" }}>
      {edit.status === "idle" ? (
        <MyForm onSubmit={edit.submit} busy={edit.isBusy} />
      ) : (
        <MyProgress source={edit} onRetry={() => void (edit.input && edit.submit(edit.input))} onReset={edit.reset} />
      )}
      {edit.videoUrl && edit.input && <MyCompare before={edit.input.video_url} after={edit.videoUrl} />}
    </div>
  );
}

export const EditorFromTheHooks: Story = {
  render: () => <MyEditor />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Start edit" }));
    // Validation comes from the hook: the message is linked to the field, the focus moves there.
    const prompt = canvas.getByLabelText("What to change");
    await expect(prompt).toHaveAttribute("aria-invalid", "true");
    await expect(prompt).toHaveFocus();
    await userEvent.type(prompt, "Make it snow");
    await waitFor(() => expect(canvas.getByLabelText(/video length/i)).toHaveValue(4), { timeout: 10_000 });
    await userEvent.click(canvas.getByRole("button", { name: "Start edit" }));
    await waitFor(() => expect(canvas.getByRole("slider", { name: "Comparison divider" })).toBeVisible(), {
      timeout: 15_000,
    });
    await expect(canvas.getByText("The edited video is ready.")).toHaveAttribute("role", "status");
  },
};
