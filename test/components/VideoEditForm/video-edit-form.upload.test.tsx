import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { VideoEditForm, type UploadFile } from "../../../src/components";
import { KlingError } from "../../../src/core/errors";
import { engine } from "../clip-engine";

// The clip engine at its module boundary: each picked video reads as a clip that fits.
vi.mock("../../../src/core/clip/index", () => import("../clip-engine"));

/** An `uploadFile` the test drives by hand: progress, success or failure, and what was aborted. */
function manualUpload() {
  const calls: Array<{
    file: File;
    signal: AbortSignal;
    progress: (fraction: number) => void;
    resolve: (url: string) => void;
    reject: (error: unknown) => void;
  }> = [];
  const uploadFile: UploadFile = (file, { onProgress, signal }) =>
    new Promise((resolve, reject) => calls.push({ file, signal, progress: onProgress, resolve, reject }));
  return { uploadFile, calls };
}

const video = new File(["mp4"], "clip.mp4", { type: "video/mp4" });
const image = new File(["png"], "ref.png", { type: "image/png" });

describe("VideoEditForm uploads", () => {
  it("offers URL fields only without uploadFile", () => {
    const { container } = render(<VideoEditForm />);
    expect(container.querySelector('input[type="file"]')).toBeNull();
  });

  it("uploads a picked video with progress and uses the returned URL", async () => {
    const { uploadFile, calls } = manualUpload();
    const { container } = render(<VideoEditForm uploadFile={uploadFile} />);
    fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [video] } });
    // Inspected first (it fits), then uploaded as it is.
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.file).toBe(video);
    expect((screen.getByRole("button", { name: "Start edit" }) as HTMLButtonElement).disabled).toBe(true);

    act(() => calls[0]!.progress(0.4));
    expect((screen.getByRole("progressbar", { name: "Upload progress" }) as HTMLProgressElement).value).toBe(0.4);
    expect(screen.getByText("Uploading… 40 %")).toBeTruthy();

    await act(async () => calls[0]!.resolve("https://uploads.example.com/clip.mp4"));
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect((screen.getByLabelText("Source video URL") as HTMLInputElement).value).toBe(
      "https://uploads.example.com/clip.mp4",
    );
    expect(container.querySelector("video")!.getAttribute("src")).toBe("https://uploads.example.com/clip.mp4");
  });

  it("keeps what the user typed while the upload was running", async () => {
    const { uploadFile, calls } = manualUpload();
    const onChange = vi.fn();
    render(<VideoEditForm uploadFile={uploadFile} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [video] } });
    fireEvent.change(screen.getByLabelText("What to change"), { target: { value: "Make it snow" } });
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => calls[0]!.resolve("https://uploads.example.com/clip.mp4"));
    expect((screen.getByLabelText("What to change") as HTMLTextAreaElement).value).toBe("Make it snow");
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ prompt: "Make it snow", video_url: "https://uploads.example.com/clip.mp4" }),
    );
  });

  it("takes a dropped file, refuses what is no video, reports failures and cancels", async () => {
    const { uploadFile, calls } = manualUpload();
    const { container } = render(<VideoEditForm uploadFile={uploadFile} />);
    const zone = container.querySelector(".kling-form__upload")!;

    const unreadable = "This file is not a video this page can read. Pick an MP4, MOV or WebM video.";
    engine.inspectClip.mockRejectedValueOnce(new KlingError("clip_unsupported", { message: unreadable }));
    fireEvent.drop(zone, { dataTransfer: { files: [image] } });
    // The engine cannot read it: nothing is sent, and its words say why.
    await waitFor(() => expect(within(zone as HTMLElement).getByRole("alert").textContent).toBe(unreadable));
    expect(calls).toHaveLength(0);

    fireEvent.drop(zone, { dataTransfer: { files: [video] } });
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => calls[0]!.reject(new Error("disk full")));
    expect(within(zone as HTMLElement).getByRole("alert").textContent).toBe("The upload failed: disk full");

    fireEvent.drop(zone, { dataTransfer: { files: [video] } });
    await waitFor(() => expect(calls).toHaveLength(2));
    fireEvent.click(screen.getByRole("button", { name: "Cancel upload" }));
    expect(calls[1]!.signal.aborted).toBe(true);
    await act(async () => calls[1]!.resolve("https://uploads.example.com/late.mp4"));
    expect((screen.getByLabelText("Source video URL") as HTMLInputElement).value).toBe("");
  });

  it("uploads a reference image and shows its thumbnail", async () => {
    const { uploadFile, calls } = manualUpload();
    render(<VideoEditForm uploadFile={uploadFile} />);
    fireEvent.change(screen.getByLabelText("Upload an image"), { target: { files: [image] } });
    await act(async () => calls[0]!.resolve("https://uploads.example.com/ref.png"));
    const images = screen.getByRole("group", { name: /Reference images/ });
    expect(within(images).getByRole("img", { name: "Reference image 1" }).getAttribute("src")).toBe(
      "https://uploads.example.com/ref.png",
    );
    expect(within(images).getByText("1 of 4")).toBeTruthy();
  });

  it("keeps images added by URL while an image upload was running", async () => {
    const { uploadFile, calls } = manualUpload();
    render(<VideoEditForm uploadFile={uploadFile} />);
    fireEvent.change(screen.getByLabelText("Upload an image"), { target: { files: [image] } });
    fireEvent.change(screen.getByLabelText("Image URL"), { target: { value: "https://cdn.example.com/typed.png" } });
    fireEvent.click(screen.getByRole("button", { name: "Add image" }));
    await act(async () => calls[0]!.resolve("https://uploads.example.com/ref.png"));
    expect(screen.getAllByRole("img").map((img) => img.getAttribute("src"))).toEqual([
      "https://cdn.example.com/typed.png",
      "https://uploads.example.com/ref.png",
    ]);
  });

  it("keeps the browser from leaving the page for a file dropped beside the drop zone", () => {
    const { uploadFile, calls } = manualUpload();
    render(<VideoEditForm uploadFile={uploadFile} />);
    const dropped = { dataTransfer: { files: [video], types: ["Files"] } };
    expect(fireEvent.drop(screen.getByLabelText("What to change"), dropped)).toBe(false);
    expect(calls).toHaveLength(0);
    const { container: plain } = render(<VideoEditForm />);
    // Without uploads the form leaves drops alone.
    expect(fireEvent.drop(plain.querySelector("form")!, dropped)).toBe(true);
  });

  it("aborts a running upload when the form goes away", async () => {
    const { uploadFile, calls } = manualUpload();
    const { unmount } = render(<VideoEditForm uploadFile={uploadFile} />);
    fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [video] } });
    await waitFor(() => expect(calls).toHaveLength(1));
    unmount();
    expect(calls[0]!.signal.aborted).toBe(true);
  });
});
