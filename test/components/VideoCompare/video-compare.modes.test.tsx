import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { stubMediaPlayback } from "./media";

const urls = { before: "/samples/source.mp4", after: "/samples/edited.mp4" };
const root = (container: HTMLElement) => container.querySelector<HTMLElement>(".kling-compare")!;

describe("VideoCompare modes", () => {
  beforeEach(() => void stubMediaPlayback());

  it.each(["slider", "side-by-side", "toggle"] as const)("renders both videos in %s mode", (mode) => {
    const { container } = render(<VideoCompare {...urls} defaultMode={mode} />);
    expect(root(container).dataset.mode).toBe(mode);
    const videos = container.querySelectorAll("video");
    expect([...videos].map((video) => video.getAttribute("src"))).toEqual([urls.before, urls.after]);
    // The divider exists only as a slider in slider mode; the hold button only in toggle mode.
    expect(screen.queryByRole("slider", { name: "Comparison divider" }) !== null).toBe(mode === "slider");
    expect(screen.queryByRole("button", { name: "Hold to see original" }) !== null).toBe(mode === "toggle");
  });

  it("switches mode from its own buttons and reports it", () => {
    const onModeChange = vi.fn();
    const { container } = render(<VideoCompare {...urls} onModeChange={onModeChange} />);
    expect(screen.getByRole("button", { name: "Slider" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Side by side" }));
    expect(root(container).dataset.mode).toBe("side-by-side");
    expect(onModeChange).toHaveBeenCalledWith("side-by-side");
    expect(screen.getByRole("button", { name: "Side by side" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("follows a controlled mode and keeps the same video elements across modes", () => {
    const { container, rerender } = render(<VideoCompare {...urls} mode="slider" />);
    const edited = container.querySelectorAll("video")[1];
    fireEvent.click(screen.getByRole("button", { name: "Toggle" }));
    expect(root(container).dataset.mode).toBe("slider");
    rerender(<VideoCompare {...urls} mode="toggle" />);
    expect(root(container).dataset.mode).toBe("toggle");
    expect(container.querySelectorAll("video")[1]).toBe(edited);
  });

  it("shows the original while the hold button is held down by keyboard", () => {
    const { container } = render(<VideoCompare {...urls} defaultMode="toggle" />);
    const hold = screen.getByRole("button", { name: "Hold to see original" });
    fireEvent.keyDown(hold, { key: " " });
    expect(root(container).hasAttribute("data-showing")).toBe(true);
    expect(hold.getAttribute("aria-pressed")).toBe("true");
    fireEvent.keyUp(hold, { key: " " });
    expect(root(container).hasAttribute("data-showing")).toBe(false);
    expect(hold.getAttribute("aria-pressed")).toBe("false");
    fireEvent.keyDown(hold, { key: "Enter" });
    fireEvent.blur(hold);
    expect(root(container).hasAttribute("data-showing")).toBe(false);
  });

  it("marks each side loading, ready or failed", () => {
    const { container } = render(<VideoCompare {...urls} />);
    const [original, edited] = container.querySelectorAll("video");
    const pane = (side: string) => container.querySelector<HTMLElement>(`[data-side="${side}"]`)!;
    expect(root(container).dataset.state).toBe("loading");
    expect(screen.getAllByRole("status").map((status) => status.textContent)).toEqual([
      "Loading video…",
      "Loading video…",
    ]);
    // jsdom never loads media: set what a browser has set by the time it fires each event.
    Object.defineProperty(edited, "readyState", { value: HTMLMediaElement.HAVE_CURRENT_DATA });
    fireEvent.loadedData(edited!);
    expect(pane("after").dataset.state).toBe("ready");
    expect(pane("before").dataset.state).toBe("loading");
    Object.defineProperty(original, "error", { value: { code: 4 } });
    fireEvent.error(original!);
    expect(pane("before").dataset.state).toBe("error");
    expect(root(container).dataset.state).toBe("error");
    expect(screen.getByRole("alert").textContent).toBe("This video could not be loaded.");
  });

  it("links the download to the edited video unless told otherwise", () => {
    const { rerender } = render(<VideoCompare {...urls} />);
    const link = () => screen.getByRole("link", { name: "Download edited video" });
    expect(link().getAttribute("href")).toBe(urls.after);
    rerender(<VideoCompare {...urls} downloadUrl="/download/42" downloadFileName="edit.mp4" />);
    expect(link().getAttribute("href")).toBe("/download/42");
    expect(link().getAttribute("download")).toBe("edit.mp4");
  });
});
