import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { VideoEditForm } from "../../../src/components";
import { failVideo, loadVideoMetadata, previewVideo } from "../../support/components";

const durationField = () => screen.getByLabelText("Video length (seconds)") as HTMLInputElement;
const hint = () => document.getElementById(durationField().getAttribute("aria-describedby")!.split(" ").at(-1)!)!;
const setUrl = (url: string) => fireEvent.change(screen.getByLabelText("Source video URL"), { target: { value: url } });

describe("VideoEditForm duration from the video's metadata", () => {
  it("fills the length in from the preview as soon as its metadata loads", () => {
    const { container } = render(<VideoEditForm />);
    expect(container.querySelector("video")).toBeNull();
    setUrl("https://cdn.example.com/clip.mp4");
    const video = previewVideo(container);
    expect(video.getAttribute("src")).toBe("https://cdn.example.com/clip.mp4");
    expect(video.muted).toBe(true);
    expect(hint().textContent).toContain("Reading the length from the video…");

    loadVideoMetadata(video, { duration: 7.46 });
    expect(durationField().value).toBe("7.5");
    expect(hint().textContent).toContain("Filled in from the video: 7.5 s.");
  });

  it("says why when the metadata cannot be read, and takes a typed length instead", () => {
    const onSubmit = vi.fn();
    const { container } = render(<VideoEditForm onSubmit={onSubmit} defaultValues={{ prompt: "Make it snow" }} />);
    setUrl("https://other-host.example/private.mp4");
    failVideo(previewVideo(container));
    expect(durationField().value).toBe("");
    expect(hint().textContent).toContain(
      "The length could not be read from this video (the link is broken, not a video, or its host does not allow it): type it in.",
    );
    fireEvent.change(durationField(), { target: { value: "4" } });
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ video_duration: 4 }));
  });

  it("reports a video without a usable length, and forgets what it read when the URL changes", () => {
    const { container } = render(<VideoEditForm />);
    setUrl("https://cdn.example.com/live.m3u8");
    loadVideoMetadata(previewVideo(container), { duration: Infinity });
    expect(hint().textContent).toContain("the video does not report a length");
    failVideo(previewVideo(container), 2);
    expect(hint().textContent).toContain("the host could not be reached");

    setUrl("https://cdn.example.com/next.mp4");
    expect(hint().textContent).toContain("Reading the length from the video…");
    expect(hint().textContent).not.toContain("could not be read");
  });

  it("shows no preview for a URL that validation would refuse", () => {
    const { container } = render(<VideoEditForm />);
    setUrl("javascript:alert(1)");
    expect(container.querySelector("video")).toBeNull();
  });
});
