import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { VideoEditForm, type UploadFile } from "../../src/components";

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
    expect(calls[0]!.file).toBe(video);
    expect((screen.getByRole("button", { name: "Start edit" }) as HTMLButtonElement).disabled).toBe(true);

    act(() => calls[0]!.progress(0.4));
    expect((screen.getByRole("progressbar", { name: "Upload progress" }) as HTMLProgressElement).value).toBe(0.4);
    expect(screen.getByText("Uploading… 40 %")).toBeTruthy();

    await act(async () => calls[0]!.resolve("https://uploads.example.com/clip.mp4"));
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect((screen.getByLabelText("Source video URL") as HTMLInputElement).value).toBe("https://uploads.example.com/clip.mp4");
    expect(container.querySelector("video")!.getAttribute("src")).toBe("https://uploads.example.com/clip.mp4");
  });

  it("keeps what the user typed while the upload was running", async () => {
    const { uploadFile, calls } = manualUpload();
    const onChange = vi.fn();
    render(<VideoEditForm uploadFile={uploadFile} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [video] } });
    fireEvent.change(screen.getByLabelText("What to change"), { target: { value: "Make it snow" } });
    await act(async () => calls[0]!.resolve("https://uploads.example.com/clip.mp4"));
    expect((screen.getByLabelText("What to change") as HTMLTextAreaElement).value).toBe("Make it snow");
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ prompt: "Make it snow", video_url: "https://uploads.example.com/clip.mp4" }),
    );
  });

  it("takes a dropped file, refuses the wrong type, reports failures and cancels", async () => {
    const { uploadFile, calls } = manualUpload();
    const { container } = render(<VideoEditForm uploadFile={uploadFile} />);
    const zone = container.querySelector(".kling-form__upload")!;

    fireEvent.drop(zone, { dataTransfer: { files: [image] } });
    expect(calls).toHaveLength(0);
    // The core's checkUpload refuses it before anything is sent, in its own words.
    expect(within(zone as HTMLElement).getByRole("alert").textContent).toBe("The video must be an MP4 or MOV file.");

    fireEvent.drop(zone, { dataTransfer: { files: [video] } });
    await act(async () => calls[0]!.reject(new Error("disk full")));
    expect(within(zone as HTMLElement).getByRole("alert").textContent).toBe("The upload failed: disk full");

    fireEvent.drop(zone, { dataTransfer: { files: [video] } });
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

  it("aborts a running upload when the form goes away", () => {
    const { uploadFile, calls } = manualUpload();
    const { unmount } = render(<VideoEditForm uploadFile={uploadFile} />);
    fireEvent.change(screen.getByLabelText("Upload a video"), { target: { files: [video] } });
    unmount();
    expect(calls[0]!.signal.aborted).toBe(true);
  });
});
