import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useVideoEditForm, type UploadFile, type UseVideoEditFormOptions } from "../../../src";
import { engine, FITTING } from "../clip-engine";
import { loadVideoMetadata } from "../../support/components";

vi.mock("../../../src/core/clip/index", () => import("../clip-engine"));

/** The form of a design system: its own inputs and messages, wired by the hook's prop getters. */
function MyForm(options: UseVideoEditFormOptions) {
  const form = useVideoEditForm(options);
  return (
    <form {...form.getFormProps({ "aria-label": "My edit" } as object)}>
      <label {...form.getLabelProps("prompt")}>Prompt</label>
      <textarea {...form.getFieldProps("prompt")} />
      {form.messageOf("prompt") && <span id={form.ids.message("prompt")}>{form.messageOf("prompt")}</span>}
      <span id={form.ids.promptHint}>hint</span>
      <span id={form.ids.promptCount}>count</span>
      <label {...form.getLabelProps("video_url")}>Video</label>
      <input {...form.getFieldProps("video_url")} />
      {form.messageOf("video_url") && <span id={form.ids.message("video_url")}>{form.messageOf("video_url")}</span>}
      {form.previewUrl && <video {...form.getPreviewProps()} />}
      <label {...form.getLabelProps("video_duration")}>Seconds</label>
      <input {...form.getFieldProps("video_duration")} />
      <p id={form.ids.durationHint}>{form.durationHint}</p>
      {form.uploads && (
        <div {...form.getUploadZoneProps("video")} data-testid="zone">
          <label htmlFor={form.ids.upload("video")}>Video file</label>
          <input {...form.getUploadInputProps("video")} />
          {form.uploads.video.message && <span role="alert">{form.uploads.video.message}</span>}
        </div>
      )}
      <button type="submit" disabled={!form.canSubmit}>
        Send
      </button>
      <output data-testid="state">{form.state}</output>
    </form>
  );
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const described = (element: HTMLElement) =>
  (element.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);

describe("useVideoEditForm with a design system's own inputs", () => {
  it("wires ids, labels, aria-invalid and aria-describedby, and focuses the first invalid field", () => {
    const onSubmit = vi.fn();
    render(<MyForm onSubmit={onSubmit} />);
    expect(field("Prompt").getAttribute("aria-invalid")).toBeNull();
    expect(described(field("Prompt"))).toEqual(["hint", "count"]);
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field("Prompt"));
    expect(field("Prompt").getAttribute("aria-invalid")).toBe("true");
    expect(described(field("Prompt"))).toEqual(["Describe the change you want to make.", "hint", "count"]);
    expect(described(field("Video"))).toEqual(["Give the URL of the source video."]);
    expect(screen.getByTestId("state").textContent).toBe("invalid");
    expect(screen.getByRole("form", { name: "My edit" }).dataset.state).toBe("invalid");
  });

  it("fills the length from the preview's metadata and submits the normalised input once per action", () => {
    const onSubmit = vi.fn();
    const { container } = render(<MyForm onSubmit={onSubmit} />);
    fireEvent.change(field("Prompt"), { target: { value: "  Make it snow " } });
    fireEvent.change(field("Video"), { target: { value: "https://cdn.example.com/a.mp4" } });
    expect(field("Seconds").parentElement!.querySelector("p")!.textContent).toContain(
      "Reading the length from the video…",
    );
    loadVideoMetadata(container.querySelector("video")!, { duration: 4.04 });
    expect(field("Seconds").value).toBe("4");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({
      prompt: "Make it snow",
      video_url: "https://cdn.example.com/a.mp4",
      video_duration: 4,
      tier: "pro",
      keep_audio: true,
    });
  });

  it("checks the file that goes up with the core's checkUpload before the app's uploadFile sees it", async () => {
    const uploadFile = vi.fn<UploadFile>(async () => "https://uploads.example.com/clip.mp4");
    render(<MyForm uploadFile={uploadFile} limits={{ maxVideoBytes: 1024 * 1024 }} />);
    // The engine (mocked) reads each as a clip that fits; checkUpload still sees the real file.
    engine.inspectClip.mockResolvedValueOnce(FITTING);
    const big = new File([new Uint8Array(2 * 1024 * 1024)], "big.mp4", { type: "video/mp4" });
    fireEvent.change(field("Video file"), { target: { files: [big] } });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("The file is 2 MB; the limit is 1 MB."));
    expect(uploadFile).not.toHaveBeenCalled();
    fireEvent.drop(screen.getByTestId("zone"), {
      dataTransfer: { files: [new File([], "empty.mp4", { type: "video/mp4" })] },
    });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("The file is empty."));
    const small = new File([new Uint8Array(10)], "small.mp4", { type: "video/mp4" });
    await act(async () => void fireEvent.change(field("Video file"), { target: { files: [small] } }));
    await waitFor(() => expect(field("Video").value).not.toBe(""));
    expect(uploadFile).toHaveBeenCalledWith(small, expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(field("Video").value).toBe("https://uploads.example.com/clip.mp4");
  });

  it("takes changes from inputs that report values, not events (setValues)", () => {
    function NumberOnly() {
      const form = useVideoEditForm();
      return (
        <button type="button" onClick={() => form.setValues({ video_duration: 6, tier: "standard" })}>
          {`${form.values.video_duration ?? "?"} s, ${form.values.tier}, ${form.estimate("standard") ?? "no"} credits`}
        </button>
      );
    }
    render(<NumberOnly />);
    fireEvent.click(screen.getByRole("button"));
    expect(screen.getByRole("button").textContent).toBe("6 s, standard, 36 credits");
  });
});
