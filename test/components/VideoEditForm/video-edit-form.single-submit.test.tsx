import { act, fireEvent, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it, vi } from "vitest";
import { VideoEditForm } from "../../../src/components";

const valid = { prompt: "Make it snow", video_url: "https://cdn.example.com/a.mp4", video_duration: 5 };
const button = () => screen.getByRole("button", { name: /Start edit|Submitting/ }) as HTMLButtonElement;
const form = (container: HTMLElement) => container.querySelector("form")!;

describe("VideoEditForm submits once", () => {
  it("two submits before React renders again send one edit (a ref guards, not state)", () => {
    const onSubmit = vi.fn();
    const { container } = render(
      <StrictMode>
        <VideoEditForm defaultValues={valid} onSubmit={onSubmit} />
      </StrictMode>,
    );
    act(() => {
      fireEvent.submit(form(container));
      fireEvent.submit(form(container));
    });
    fireEvent.click(button());
    expect(onSubmit).toHaveBeenCalledTimes(1);

    // A change by the user makes the form submittable again.
    fireEvent.change(screen.getByLabelText("What to change"), { target: { value: "Make it rain" } });
    fireEvent.click(button());
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it("waits for a returned promise before it submits the same values again", async () => {
    let finish = () => {};
    const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<VideoEditForm defaultValues={valid} onSubmit={onSubmit} />);
    fireEvent.click(button());
    fireEvent.click(button());
    expect(onSubmit).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    fireEvent.click(button());
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it("submits nothing while busy or disabled, and again once the parent is no longer busy", () => {
    const onSubmit = vi.fn();
    const { container, rerender } = render(<VideoEditForm defaultValues={valid} onSubmit={onSubmit} />);
    fireEvent.click(button());
    rerender(<VideoEditForm defaultValues={valid} onSubmit={onSubmit} busy />);
    expect(form(container).dataset.state).toBe("busy");
    expect(button().disabled).toBe(true);
    expect(button().textContent).toBe("Submitting…");
    fireEvent.submit(form(container));
    expect(onSubmit).toHaveBeenCalledTimes(1);

    rerender(<VideoEditForm defaultValues={valid} onSubmit={onSubmit} disabled />);
    expect(form(container).dataset.state).toBe("disabled");
    fireEvent.submit(form(container));
    expect(onSubmit).toHaveBeenCalledTimes(1);

    rerender(<VideoEditForm defaultValues={valid} onSubmit={onSubmit} />);
    expect(form(container).dataset.state).toBe("idle");
    fireEvent.click(button());
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });
});
