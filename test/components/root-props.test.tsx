import { QueryClient } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { createRef } from "react";
import { describe, expect, it } from "vitest";
import { JobProgress, KlingVideoEditor, VideoEditForm } from "../../src/components";
import { PROXY_URL } from "../support/kling";

describe("className, style, ref and labels reach each component", () => {
  it("VideoEditForm: the root <form>", () => {
    const ref = createRef<HTMLFormElement>();
    render(<VideoEditForm ref={ref} className="app-form" style={{ maxWidth: 400 }} labels={{ submit: "Los" }} />);
    expect(ref.current!.tagName).toBe("FORM");
    expect(ref.current!.className).toBe("kling-root kling-form app-form");
    expect(ref.current!.style.maxWidth).toBe("400px");
    expect(screen.getByRole("button", { name: "Los" })).toBeTruthy();
  });

  it("JobProgress: the root element, in both modes", () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <JobProgress
        ref={ref}
        status="pending"
        className="app-progress"
        style={{ padding: 2 }}
        labels={{ title: "Fortschritt" }}
      />,
    );
    expect(ref.current!.className).toBe("kling-root kling-progress app-progress");
    expect(ref.current!.style.padding).toBe("2px");
    expect(ref.current!.dataset.status).toBe("pending");
    expect(screen.getByRole("group", { name: "Fortschritt" })).toBe(ref.current);
  });

  it("KlingVideoEditor: the root element, and each part's labels", () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <KlingVideoEditor
        ref={ref}
        proxyUrl={PROXY_URL}
        queryClient={new QueryClient()}
        persist={false}
        className="app-editor"
        style={{ margin: 3 }}
        labels={{ editor: { formTitle: "Video bearbeiten" }, form: { prompt: "Was ändern?" } }}
      />,
    );
    expect(ref.current!.className).toBe("kling-root kling-editor app-editor");
    expect(ref.current!.style.margin).toBe("3px");
    expect(ref.current!.dataset.step).toBe("form");
    expect(screen.getByRole("heading", { name: "Video bearbeiten" })).toBeTruthy();
    expect(screen.getByLabelText("Was ändern?")).toBeTruthy();
  });

  it("KlingVideoEditor: heading level fits the page's outline", () => {
    render(<KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} persist={false} headingLevel={3} />);
    expect(screen.getByRole("heading", { level: 3, name: "Edit a video" })).toBeTruthy();
  });
});
