import { QueryClient } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { JobProgress, KlingVideoEditor, VideoCompare, VideoEditForm } from "../../src";
import { stubMediaPlayback } from "./VideoCompare/media";
import { PROXY_URL } from "../support/kling";

// Every component root spreads its element's native props: aria-*, data-*, id, title and handlers.
const native = { id: "x", title: "mine", "aria-describedby": "help", "data-testid": "root" };

describe("component roots take their element's native props", () => {
  it.each([
    ["VideoEditForm", () => <VideoEditForm {...native} />],
    ["JobProgress", () => <JobProgress status="processing" {...native} />],
    [
      "KlingVideoEditor",
      () => <KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} {...native} />,
    ],
    ["VideoCompare", () => <VideoCompare before="/a.mp4" after="/b.mp4" {...native} />],
  ])("%s", (_, ui) => {
    stubMediaPlayback();
    render(ui());
    const root = screen.getByTestId("root");
    expect(root.id).toBe("x");
    expect(root.title).toBe("mine");
    expect(root.getAttribute("aria-describedby")).toContain("help");
    expect(root.className).toMatch(/^kling-root /);
  });

  it("chains the app's handlers with the library's", () => {
    const onKeyDown = vi.fn();
    const onSubmitCapture = vi.fn();
    const onSubmit = vi.fn();
    render(
      <VideoEditForm
        data-testid="form"
        onKeyDown={onKeyDown}
        onSubmitCapture={onSubmitCapture}
        onSubmit={onSubmit}
        defaultValues={{ prompt: "p", video_url: "https://cdn.example.com/a.mp4", video_duration: 4 }}
      />,
    );
    fireEvent.keyDown(screen.getByLabelText("What to change"), { key: "a" });
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    expect(onKeyDown).toHaveBeenCalledTimes(1);
    expect(onSubmitCapture).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});

it("VideoCompare hands each side's <video> its native props and children (poster, crossOrigin, captions)", () => {
  stubMediaPlayback();
  const { container } = render(
    <VideoCompare
      before="/a.mp4"
      after="/b.mp4"
      videoProps={{
        before: { crossOrigin: "anonymous" },
        after: { poster: "/poster.jpg", children: <track kind="captions" src="/c.vtt" srcLang="en" label="English" /> },
      }}
    />,
  );
  const [before, after] = container.querySelectorAll("video");
  expect(before!.crossOrigin).toBe("anonymous");
  expect(after!.getAttribute("poster")).toBe("/poster.jpg");
  expect(after!.querySelector("track")!.getAttribute("src")).toBe("/c.vtt");
  expect(after!.className).toBe("kling-compare-video");
});
