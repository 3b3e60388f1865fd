import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { KlingError } from "../../src";
import { JobProgress, VideoEditForm } from "../../src/components";
import { installCssEscape } from "../support/components";

installCssEscape();

describe("keyboard operation", () => {
  it("fills and submits the whole form from the keyboard alone", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<VideoEditForm onSubmit={onSubmit} />);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("What to change"));
    await user.keyboard("Make it snow");
    await user.tab();
    await user.keyboard("https://cdn.example.com/a.mp4");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("Video length (seconds)"));
    await user.keyboard("6");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText(/Pro/));
    await user.keyboard("{ArrowLeft}");
    expect((screen.getByLabelText(/Standard/) as HTMLInputElement).checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("Keep the original audio"));
    await user.keyboard(" ");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText("Image URL"));
    await user.keyboard("https://cdn.example.com/r.png{Enter}");
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("img", { name: "Reference image 1" })).toBeTruthy();

    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Remove reference image 1" }));
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Start edit" }));
    await user.keyboard("{Enter}");
    expect(onSubmit).toHaveBeenCalledWith({
      prompt: "Make it snow",
      video_url: "https://cdn.example.com/a.mp4",
      video_duration: 6,
      tier: "standard",
      keep_audio: false,
      image_urls: ["https://cdn.example.com/r.png"],
    });
  });

  it("moves focus to the first invalid field when Enter submits an incomplete form", async () => {
    const user = userEvent.setup();
    render(<VideoEditForm defaultValues={{ prompt: "Make it snow" }} />);
    await user.click(screen.getByLabelText("What to change"));
    await user.tab();
    await user.keyboard("{Enter}");
    expect(document.activeElement).toBe(screen.getByLabelText("Source video URL"));
    expect(document.activeElement!.getAttribute("aria-invalid")).toBe("true");
  });

  it("reaches and presses JobProgress's actions", async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const onReset = vi.fn();
    render(<JobProgress status="failed" error={new KlingError("network_error")} onRetry={onRetry} onReset={onReset} />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Try again" }));
    await user.keyboard("{Enter}");
    await user.tab();
    await user.keyboard(" ");
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onReset).toHaveBeenCalledTimes(1);
  });
});
