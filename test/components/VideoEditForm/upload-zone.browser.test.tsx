// In Chromium, with the default theme: the form's upload zones take no new space when the
// provider's proxy says, after mount, that it takes uploads (the zone's box was kept).
import { QueryClient } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { KlingProvider, VideoEditForm } from "../../../src";
import "../../../src/styles/base.css";
import "../../../src/styles/form.css";

afterEach(cleanup);

it.each(["fields", "clip-first"] as const)(
  "nothing below the upload zone moves when it arrives (%s)",
  async (layout) => {
    let answer!: (response: Response) => void;
    const fetch = (() => new Promise<Response>((resolve) => (answer = resolve))) as typeof globalThis.fetch;
    render(
      <div style={{ width: 600 }}>
        <KlingProvider proxyUrl={`/api/kling-${layout}`} fetch={fetch} queryClient={new QueryClient()}>
          <VideoEditForm layout={layout} />
        </KlingProvider>
      </div>,
    );
    const submit = screen.getByRole("button", { name: "Start edit" });
    const prompt = screen.getByLabelText("What to change");
    const before = { submit: submit.getBoundingClientRect().top, prompt: prompt.getBoundingClientRect().top };
    await expect.poll(() => answer).toBeTypeOf("function");
    answer(Response.json({ uploads: true }));
    await expect.poll(() => screen.queryByLabelText("Upload a video")).not.toBeNull();
    expect(prompt.getBoundingClientRect().top).toBeCloseTo(before.prompt, 0);
    expect(submit.getBoundingClientRect().top).toBeCloseTo(before.submit, 0);
  },
);
