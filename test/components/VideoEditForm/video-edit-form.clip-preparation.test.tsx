// The form's clip logic in jsdom, with the clip engine mocked at its module boundary (jsdom has
// no WebCodecs; real preparation is proven in Chromium): what is uploaded, what is submitted,
// and that no submit can go out with another clip's URL.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VideoEditForm, type UploadFile } from "../../../src/components";
import { KlingError } from "../../../src/core/errors";
import { stubMediaPlayback } from "../VideoCompare/media";
import { expectNoAxeViolations } from "../../support/components";
import { clipFile, engine, preparedClip } from "../clip-engine";

vi.mock("../../../src/core/clip/index", () => import("../clip-engine"));

/** An `uploadFile` the test resolves by hand. */
function manualUpload() {
  const calls: Array<{
    file: File;
    signal: AbortSignal;
    resolve: (url: string) => void;
    reject: (error: unknown) => void;
  }> = [];
  const uploadFile: UploadFile = (file, { signal }) =>
    new Promise((resolve, reject) => calls.push({ file, signal, resolve, reject }));
  return { uploadFile, calls };
}

/** A `prepareClip` the test drives: progress, result or failure, and its options. */
function manualPreparation() {
  const runs: Array<{
    file: Blob;
    options: { start?: number; end?: number; signal?: AbortSignal; onProgress?: (f: number) => void };
    resolve: (p: ReturnType<typeof preparedClip>) => void;
    reject: (e: unknown) => void;
  }> = [];
  engine.prepareClip.mockImplementation(
    (file, options) => new Promise((resolve, reject) => runs.push({ file, options, resolve, reject })),
  );
  return runs;
}

const OLD_URL = "https://cdn.example.com/earlier.mp4";
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const pick = (file: File) => fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [file] } });
const startEdit = () => fireEvent.click(screen.getByRole("button", { name: "Start edit" }));

function setup(props: { defaultUrl?: string } = {}) {
  const upload = manualUpload();
  const onSubmit = vi.fn();
  const view = render(
    <VideoEditForm
      uploadFile={upload.uploadFile}
      onSubmit={onSubmit}
      defaultValues={{
        prompt: "Make it snow",
        video_url: props.defaultUrl ?? "",
        video_duration: props.defaultUrl ? 5 : undefined,
      }}
    />,
  );
  return { ...upload, onSubmit, ...view };
}

beforeEach(() => {
  stubMediaPlayback();
  Object.defineProperty(URL, "createObjectURL", { value: vi.fn(() => "blob:clip"), configurable: true });
  Object.defineProperty(URL, "revokeObjectURL", { value: vi.fn(), configurable: true });
});

describe("VideoEditForm: a picked clip", () => {
  it("uploads a clip that fits untouched, the same file, its length from the clip", async () => {
    const { calls, onSubmit } = setup();
    const clip = clipFile("fits.mp4", { durationSeconds: 6.04 });
    pick(clip);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.file).toBe(clip);
    expect(engine.prepareClip).not.toHaveBeenCalled();
    expect(screen.queryByRole("slider")).toBeNull();
    await act(async () => calls[0]!.resolve("https://uploads.example.com/fits.mp4"));
    expect(field("Source video URL").value).toBe("https://uploads.example.com/fits.mp4");
    expect(field("Video length (seconds)").value).toBe("6");
    startEdit();
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ video_url: "https://uploads.example.com/fits.mp4", video_duration: 6 }),
    );
  });

  it("trims a long clip: the trimmer opens with the first 10 s, the chosen part is prepared and that file uploaded", async () => {
    const runs = manualPreparation();
    const { calls, onSubmit, container } = setup();
    const long = clipFile("phone.mp4", { durationSeconds: 30, width: 1080, height: 1920, fps: 30 });
    pick(long);
    const selection = await screen.findByRole("slider", { name: "Selection" });
    expect(screen.getByRole("slider", { name: "End" }).getAttribute("aria-valuetext")).toBe(
      "End 0:10.0 (10 s selected)",
    );
    expect(screen.getByRole("status").textContent).toBe(
      "This clip is longer than 10 s: choose the part to keep. Before the upload it will be trimmed to the part you choose.",
    );
    // Nothing goes up, and nothing can be submitted, until the part is chosen.
    expect((screen.getByRole("button", { name: "Start edit" }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls).toHaveLength(0);
    await expectNoAxeViolations(container);

    for (let i = 0; i < 4; i++) fireEvent.keyDown(selection, { key: "PageUp" });
    fireEvent.click(screen.getByRole("button", { name: "Use this part" }));
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0]!.file).toBe(long);
    expect(runs[0]!.options).toMatchObject({ start: 4, end: 14 });
    act(() => runs[0]!.options.onProgress!(0.5));
    expect((screen.getByRole("progressbar", { name: "Preparation progress" }) as HTMLProgressElement).value).toBe(0.5);
    expect(screen.getByText("50 %")).toBeTruthy();

    const prepared = preparedClip({ durationSeconds: 10.02, width: 1080, height: 1920, fps: 30 }, ["trimmed"]);
    await act(async () => runs[0]!.resolve(prepared));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.file).toBe(prepared.file);
    expect(screen.queryByRole("slider", { name: "Selection" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("Prepared: trimmed.");
    await act(async () => calls[0]!.resolve("https://uploads.example.com/phone.mp4"));
    expect(field("Video length (seconds)").value).toBe("10");
    startEdit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ video_url: "https://uploads.example.com/phone.mp4", video_duration: 10 }),
    );
  });

  it("prepares a clip that needs no trim at once, saying what will change", async () => {
    const runs = manualPreparation();
    const { calls } = setup();
    pick(clipFile("small.mp4", { width: 640, height: 360 }));
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(screen.getByRole("status").textContent).toBe(
      "Preparing the clip… Before the upload it will be scaled to 1280×720 and converted to H.264 MP4.",
    );
    expect(runs[0]!.options).not.toHaveProperty("start");
    const prepared = preparedClip({ width: 1280, height: 720 }, ["scaled", "transcoded"]);
    await act(async () => runs[0]!.resolve(prepared));
    await waitFor(() => expect(calls[0]?.file).toBe(prepared.file));
    expect(screen.getByRole("status").textContent).toBe("Prepared: scaled to 1280×720 and converted to H.264 MP4.");
  });

  it("refuses a clip that is too short, in its own words, and clears the URL the form had", async () => {
    const { calls, onSubmit } = setup({ defaultUrl: OLD_URL });
    pick(clipFile("two.mp4", { durationSeconds: 2 }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe(
        "This video is too short: 2 s; the model takes 3 to 10 s. Choose a clip of at least 3 s.",
      ),
    );
    expect(screen.getByRole("alert").textContent).not.toMatch(/upload failed/i);
    expect(field("Source video URL").value).toBe("");
    expect(calls).toHaveLength(0);
    startEdit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("cancel mid-preparation: aborted, nothing uploaded, nothing submitted, no URL left", async () => {
    const runs = manualPreparation();
    const { calls, onSubmit } = setup({ defaultUrl: OLD_URL });
    pick(clipFile("small.mp4", { width: 640, height: 360 }));
    await waitFor(() => expect(runs).toHaveLength(1));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(runs[0]!.options.signal!.aborted).toBe(true);
    // A preparation that finishes anyway is not used.
    await act(async () => runs[0]!.resolve(preparedClip({}, ["scaled"])));
    expect(calls).toHaveLength(0);
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(field("Source video URL").value).toBe("");
    startEdit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("a failed preparation says what to do and leaves no stale URL", async () => {
    const runs = manualPreparation();
    const { calls, onSubmit } = setup({ defaultUrl: OLD_URL });
    pick(clipFile("screen.webm", { container: "webm", videoCodec: "vp9", durationSeconds: 8 }, "video/webm"));
    await waitFor(() => expect(runs).toHaveLength(1));
    const words =
      "This clip could not be converted in this browser (decoder error). Export it as an H.264 MP4 and pick it again.";
    await act(async () => runs[0]!.reject(new KlingError("clip_unsupported", { message: words })));
    expect(screen.getByRole("alert").textContent).toBe(words);
    expect(field("Source video URL").value).toBe("");
    expect(calls).toHaveLength(0);
    startEdit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("says so where this browser cannot convert the clip, and uploads nothing", async () => {
    const { calls } = setup({ defaultUrl: OLD_URL });
    pick(
      clipFile("iphone.mov", { container: "mov", videoCodec: "hevc", width: 3840, height: 2160 }, "video/quicktime"),
    );
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toMatch(
        /^This browser cannot convert HEVC \(H\.265\) video\. Export the clip as an H\.264 MP4/,
      ),
    );
    expect(engine.prepareClip).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
    expect(field("Source video URL").value).toBe("");
  });

  it("a failed upload of a new clip leaves no URL of the clip before", async () => {
    const { calls } = setup({ defaultUrl: OLD_URL });
    pick(clipFile("fits.mp4"));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(field("Source video URL").value).toBe("");
    await act(async () => calls[0]!.reject(new Error("disk full")));
    expect(screen.getByRole("alert").textContent).toBe("The upload failed: disk full");
    expect(field("Source video URL").value).toBe("");
  });

  it("unticks and disables keep audio for a clip without sound, and gives it back for one with sound", async () => {
    const { calls } = setup();
    pick(clipFile("silent.mp4", { audioCodec: null }));
    await waitFor(() => expect(calls).toHaveLength(1));
    const keep = screen.getByRole("checkbox", { name: "Keep the original audio" }) as HTMLInputElement;
    expect(keep.checked).toBe(false);
    expect(keep.disabled).toBe(true);
    expect(keep.getAttribute("aria-describedby")).toBe(screen.getByText("This clip has no sound.").id);
    pick(clipFile("loud.mp4"));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(keep.disabled).toBe(false);
    expect(keep.checked).toBe(true);
  });

  it("a link typed after a clip was picked replaces it", async () => {
    setup();
    pick(clipFile("long.mp4", { durationSeconds: 30 }));
    await screen.findByRole("slider", { name: "Selection" });
    fireEvent.change(field("Source video URL"), { target: { value: "https://cdn.example.com/other.mp4" } });
    expect(screen.queryByRole("slider", { name: "Selection" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Use this part" })).toBeNull();
  });
});
