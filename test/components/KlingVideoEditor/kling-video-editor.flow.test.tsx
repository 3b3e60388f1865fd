import { QueryClient } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { KlingVideoEditor } from "../../../src/components";
import { advance, installFakeClock, PROXY_URL, setupFakeKling, wrapper } from "../../support/kling";

const kling = setupFakeKling({ queueMs: 3_000, processingMs: 30_000 });

const editorRoot = (container: HTMLElement) => container.querySelector<HTMLElement>(".kling-editor")!;
const progressStatus = (container: HTMLElement) =>
  container.querySelector<HTMLElement>(".kling-progress")?.dataset.status;
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });

function fillForm(prompt: string) {
  type("What to change", prompt);
  type("Source video URL", "https://cdn.example.com/source.mp4");
  type("Video length (seconds)", "5");
  fireEvent.click(screen.getByLabelText(/Standard/));
}

/** The editor under an app's own KlingProvider (no proxyUrl prop), with one edit submitted. */
function submitUnderProvider(prompt: string) {
  const Wrapper = wrapper();
  const rendered = render(
    <Wrapper>
      <KlingVideoEditor persist={false} />
    </Wrapper>,
  );
  fillForm(prompt);
  fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
  return rendered;
}

describe("KlingVideoEditor flow against the fake backend", () => {
  it("form → pending → processing → completed → comparison → edit again keeps inputs → new edit resets", async () => {
    installFakeClock();
    const fake = kling.use({ outputVideoUrl: "https://cdn.example.com/edited.mp4", latencyMs: 100 });
    const onSubmitted = vi.fn();
    const onCompleted = vi.fn();
    const { container } = render(
      <KlingVideoEditor
        proxyUrl={PROXY_URL}
        queryClient={new QueryClient()}
        persist={false}
        onSubmitted={onSubmitted}
        onCompleted={onCompleted}
        labels={{ compare: { region: "Vorher und nachher" } }}
      />,
    );
    const root = editorRoot(container);
    expect(root.dataset.step).toBe("form");
    fillForm("Make it snow");
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));

    expect(root.dataset.step).toBe("progress");
    expect(progressStatus(container)).toBe("submitting");
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Editing your video" }));
    await advance(200);
    expect(progressStatus(container)).toBe("pending");
    expect(onSubmitted).toHaveBeenCalledTimes(1);
    expect(screen.getByText("Credits charged: 30")).toBeTruthy();
    expect(screen.getByText("Credits remaining: 970")).toBeTruthy();
    expect(screen.getByText("Standard (720p)")).toBeTruthy();
    expect(screen.getByText("Make it snow")).toBeTruthy();

    await advance(7_500);
    expect(progressStatus(container)).toBe("processing");
    // Status answers carry no balance: the one from the submit is kept.
    expect(screen.getByText("Credits remaining: 970")).toBeTruthy();

    await advance(31_000);
    expect(root.dataset.step).toBe("result");
    expect(onCompleted).toHaveBeenCalledTimes(1);
    expect(container.querySelector(".kling-compare")!.getAttribute("aria-label")).toBe("Vorher und nachher");
    const sources = [...container.querySelectorAll(".kling-compare video")].map((v) => v.getAttribute("src"));
    expect(sources.sort()).toEqual(["https://cdn.example.com/edited.mp4", "https://cdn.example.com/source.mp4"]);
    expect(screen.getByRole("link", { name: "Download the video" }).getAttribute("href")).toBe(
      "https://cdn.example.com/edited.mp4",
    );
    // One download action on the result screen: the progress panel's, beside the link's expiry.
    expect(screen.getAllByRole("link", { name: /download/i })).toHaveLength(1);

    fireEvent.click(screen.getByRole("button", { name: "Edit again" }));
    expect(root.dataset.step).toBe("form");
    expect(field("What to change").value).toBe("Make it snow");
    expect(field("Source video URL").value).toBe("https://cdn.example.com/source.mp4");
    expect(field("Video length (seconds)").value).toBe("5");
    expect((screen.getByLabelText(/Standard/) as HTMLInputElement).checked).toBe(true);

    type("What to change", "Make it rain");
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    await advance(40_000);
    expect(root.dataset.step).toBe("result");
    expect(fake.requests.filter((r) => r.method === "POST").map((r) => (r.body as { prompt: string }).prompt)).toEqual([
      "Make it snow",
      "Make it rain",
    ]);

    fireEvent.click(screen.getByRole("button", { name: "New edit" }));
    expect(root.dataset.step).toBe("form");
    expect(field("What to change").value).toBe("");
    expect(field("Source video URL").value).toBe("");
    expect(field("Video length (seconds)").value).toBe("");
    expect((screen.getByLabelText(/Pro/) as HTMLInputElement).checked).toBe(true);
  });

  it("402: says no credits are left, keeps the inputs, and starts over on request", async () => {
    installFakeClock();
    const fake = kling.use({ credits: 10 });
    const { container } = submitUnderProvider("Make it snow");
    await advance(500);
    expect(editorRoot(container).dataset.step).toBe("error");
    expect(screen.getByText("No credits left: add credits to your account to run this edit.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(field("What to change").value).toBe("Make it snow");
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);

    fireEvent.click(screen.getByRole("button", { name: "Start over" }));
    expect(editorRoot(container).dataset.step).toBe("form");
    expect(field("What to change").value).toBe("");
  });

  it("a failed job shows the upstream's reason and Try again submits the same input once more", async () => {
    installFakeClock();
    const fake = kling.use({ failureRate: 1, failureMessage: "No face found in the video." });
    const { container } = submitUnderProvider("Swap the face");
    await advance(40_000);
    expect(editorRoot(container).dataset.step).toBe("error");
    expect(screen.getByText("The edit failed: No face found in the video.")).toBeTruthy();

    fake.setOptions({ failureRate: 0 });
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(editorRoot(container).dataset.step).toBe("progress");
    await advance(40_000);
    expect(editorRoot(container).dataset.step).toBe("result");
    const posts = fake.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
  });

  it("shows the proxy's field errors at their fields when it refuses the input", async () => {
    installFakeClock();
    // The backend validates with tighter limits than the browser knows of.
    kling.use({ limits: { maxDurationSeconds: 4 } });
    const { container } = submitUnderProvider("Make it snow");
    await advance(500);
    expect(editorRoot(container).dataset.step).toBe("form");
    const duration = field("Video length (seconds)");
    expect(duration.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("The video must be 3 to 4 seconds long (this one is 5 s).").id).toBe(
      duration.getAttribute("aria-describedby")!.split(" ")[0],
    );
    expect(screen.getByRole("alert").textContent).toBe("Some fields need attention.");
    expect(field("What to change").value).toBe("Make it snow");
  });
});
