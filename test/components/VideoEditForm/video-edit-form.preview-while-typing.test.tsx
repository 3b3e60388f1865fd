import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { VideoEditForm } from "../../../src";

describe("VideoEditForm preview while the URL is typed", () => {
  it("loads no video per keystroke: the preview waits until typing pauses", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { container } = render(<VideoEditForm />);
    const field = screen.getByLabelText("Source video URL");
    const url = "https://cdn.example.com/a.mp4";
    // Key by key, as a browser reports typing (input events of type insertText), 50 ms apart.
    for (let i = 1; i <= url.length; i++) {
      fireEvent.input(field, { target: { value: url.slice(0, i) }, inputType: "insertText" });
      await act(() => vi.advanceTimersByTimeAsync(50));
      expect(container.querySelector("video")).toBeNull();
    }
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(container.querySelector("video")?.getAttribute("src")).toBe("https://cdn.example.com/a.mp4");
  });

  it("previews a pasted (or otherwise whole) URL at once", () => {
    const { container } = render(<VideoEditForm />);
    fireEvent.change(screen.getByLabelText("Source video URL"), { target: { value: "https://cdn.example.com/b.mp4" } });
    expect(container.querySelector("video")?.getAttribute("src")).toBe("https://cdn.example.com/b.mp4");
  });
});
