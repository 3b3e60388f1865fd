import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { KlingError, validateEditInput } from "../../../src";
import { VideoEditForm } from "../../../src/components";

const submit = () => fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

function messageOf(field: HTMLElement): string | undefined {
  const ids = field.getAttribute("aria-describedby")?.split(" ") ?? [];
  return (
    ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains("kling-form__message"))
      ?.textContent ?? undefined
  );
}

describe("VideoEditForm validation", () => {
  it("shows validateEditInput's message under each invalid field, focuses the first and submits nothing", () => {
    const onSubmit = vi.fn();
    const { container } = render(<VideoEditForm onSubmit={onSubmit} />);
    // Nothing is flagged before the user tries to submit.
    expect(container.querySelector("[aria-invalid]")).toBeNull();

    submit();
    const expected = validateEditInput({ prompt: "", video_url: "", tier: "pro", keep_audio: true, image_urls: [] });
    expect(expected.ok).toBe(false);
    const errors = expected.ok ? {} : expected.errors;
    const prompt = screen.getByLabelText("What to change");
    const url = screen.getByLabelText("Source video URL");
    const duration = screen.getByLabelText("Video length (seconds)");
    expect(messageOf(prompt)).toBe(errors.prompt?.message);
    expect(messageOf(url)).toBe(errors.video_url?.message);
    expect(messageOf(duration)).toBe(errors.video_duration?.message);
    for (const field of [prompt, url, duration]) expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(prompt);
    expect(container.querySelector("form")!.dataset.state).toBe("invalid");
    expect(onSubmit).not.toHaveBeenCalled();

    type("What to change", "Make it snow");
    expect(prompt.hasAttribute("aria-invalid")).toBe(false);
    submit();
    expect(document.activeElement).toBe(url);
    type("Source video URL", "ftp://example.com/a.mp4");
    type("Video length (seconds)", "12");
    submit();
    expect(messageOf(url)).toBe("The video URL must be an absolute http(s) URL.");
    expect(messageOf(duration)).toBe("This video is too long: 12 s; the model takes 3 to 10 s.");
    expect(onSubmit).not.toHaveBeenCalled();

    type("Source video URL", "https://cdn.example.com/a.mp4");
    type("Video length (seconds)", "5.5");
    submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({
      prompt: "Make it snow",
      video_url: "https://cdn.example.com/a.mp4",
      video_duration: 5.5,
      tier: "pro",
      keep_audio: true,
    });
    expect(container.querySelector("[aria-invalid]")).toBeNull();
  });

  it("passes limits through to validation and the character count, and translates issues by code", () => {
    render(
      <VideoEditForm
        limits={{ maxPromptLength: 10 }}
        labels={{ fieldIssue: (issue) => (issue.code === "too_long" ? "Zu lang" : issue.message) }}
        defaultValues={{ video_url: "https://cdn.example.com/a.mp4", video_duration: 5 }}
      />,
    );
    type("What to change", "  a prompt far too long  ");
    expect(screen.getByText("21 of 10 characters").dataset.over).toBe("true");
    submit();
    expect(messageOf(screen.getByLabelText("What to change"))).toBe("Zu lang");
  });

  it("shows the message of an error without field errors at form level", () => {
    render(<VideoEditForm error={new KlingError("upstream_error", { message: "Upstream is down." })} />);
    expect(screen.getByRole("alert").textContent).toBe("Upstream is down.");
  });

  it("shows the error of the last submit at form level and its field errors at their fields", () => {
    const error = new KlingError("invalid_input", {
      message: "The proxy refused the input.",
      fieldErrors: { video_url: { code: "invalid_url", message: "The proxy cannot fetch this URL." } },
    });
    const { container } = render(<VideoEditForm error={error} />);
    // The details are at the fields; the form level says only that there are some.
    expect(screen.getByRole("alert").textContent).toBe("Some fields need attention.");
    expect(container.querySelector("form")!.getAttribute("aria-describedby")).toBe(screen.getByRole("alert").id);
    expect(messageOf(screen.getByLabelText("Source video URL"))).toBe("The proxy cannot fetch this URL.");
  });

  it("adds reference images by URL up to the limit, refuses bad ones with the rule's message, removes them", () => {
    const onSubmit = vi.fn();
    render(
      <VideoEditForm
        onSubmit={onSubmit}
        limits={{ maxReferenceImages: 2 }}
        defaultValues={{ prompt: "p", video_url: "https://cdn.example.com/a.mp4", video_duration: 4 }}
      />,
    );
    const images = screen.getByRole("group", { name: /Reference images/ });
    expect(within(images).getByText("0 of 2")).toBeTruthy();
    const add = (url: string) => {
      type("Image URL", url);
      fireEvent.click(within(images).getByRole("button", { name: "Add image" }));
    };
    add("not a url");
    expect(within(images).getByText("Reference image 1 is not an absolute http(s) URL.")).toBeTruthy();
    expect(within(images).queryAllByRole("img")).toHaveLength(0);
    add("https://cdn.example.com/a.png");
    add("https://cdn.example.com/a.png");
    expect(within(images).getByText("Reference image 2 is listed twice.")).toBeTruthy();
    // Enter in the URL field adds the image instead of submitting the form.
    type("Image URL", "https://cdn.example.com/b.png");
    fireEvent.keyDown(screen.getByLabelText("Image URL"), { key: "Enter" });
    expect(onSubmit).not.toHaveBeenCalled();
    expect(
      within(images)
        .getAllByRole("img")
        .map((img) => img.getAttribute("src")),
    ).toEqual(["https://cdn.example.com/a.png", "https://cdn.example.com/b.png"]);
    expect(within(images).getByText("2 of 2")).toBeTruthy();
    expect((screen.getByLabelText("Image URL") as HTMLInputElement).disabled).toBe(true);

    fireEvent.click(within(images).getByRole("button", { name: "Remove reference image 1" }));
    expect(
      within(images)
        .getAllByRole("img")
        .map((img) => img.getAttribute("alt")),
    ).toEqual(["Reference image 1"]);
    submit();
    expect(onSubmit.mock.calls[0]![0].image_urls).toEqual(["https://cdn.example.com/b.png"]);
  });

  it("explains each tier and labels the credits as an estimate from the pricing prop", () => {
    const pricing = vi.fn(({ video_duration, tier }) => video_duration * (tier === "pro" ? 10 : 5));
    const onSubmit = vi.fn();
    render(
      <VideoEditForm
        pricing={pricing}
        onSubmit={onSubmit}
        defaultValues={{ prompt: "p", video_url: "https://x.example/a.mp4" }}
      />,
    );
    const tiers = screen.getByRole("group", { name: "Quality" });
    expect(tiers.textContent).toContain("cost estimated once the length is known");
    type("Video length (seconds)", "4");
    expect(
      within(tiers)
        .getByLabelText(/Standard/)
        .closest("label")!.textContent,
    ).toBe("Standard720p · about 20 credits (estimate)");
    expect(within(tiers).getByLabelText(/Pro/).closest("label")!.textContent).toBe(
      "Pro1080p · about 40 credits (estimate)",
    );
    fireEvent.click(within(tiers).getByLabelText(/Standard/));
    fireEvent.click(screen.getByLabelText("Keep the original audio"));
    submit();
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ tier: "standard", keep_audio: false }));
  });
});
