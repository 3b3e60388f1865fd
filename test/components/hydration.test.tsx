import { act } from "@testing-library/react";
import type { ReactElement } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { JobProgress, KlingVideoEditor, VideoEditForm } from "../../src/components";

/** Renders on the "server", hydrates the same element in the page, and returns what React complained about. */
async function hydrate(element: ReactElement) {
  const container = document.createElement("div");
  container.innerHTML = renderToString(element);
  document.body.append(container);
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const recoverable: unknown[] = [];
  const root = await act(async () =>
    hydrateRoot(container, element, { onRecoverableError: (e) => recoverable.push(e) }),
  );
  const complaints = [...errors.mock.calls.map((call) => call.map(String).join(" ")), ...recoverable.map(String)];
  act(() => root.unmount());
  container.remove();
  return complaints;
}

describe("server render then hydration", () => {
  it("VideoEditForm hydrates without mismatches", async () => {
    const values = {
      prompt: "p",
      video_url: "https://cdn.example.com/a.mp4",
      image_urls: ["https://cdn.example.com/r.png"],
    };
    expect(
      await hydrate(<VideoEditForm defaultValues={values} uploadFile={async () => "https://x.example/u.mp4"} />),
    ).toEqual([]);
  });

  it("JobProgress hydrates without mismatches while its clock starts", async () => {
    const job = { jobId: "j", status: "processing", creditCost: 40, expiresAt: "2026-11-29T10:00:00Z" };
    expect(await hydrate(<JobProgress status="processing" job={job} submittedAt={Date.now() - 30_000} />)).toEqual([]);
  });

  it("KlingVideoEditor hydrates without mismatches", async () => {
    expect(await hydrate(<KlingVideoEditor proxyUrl="/api/kling" persist={false} />)).toEqual([]);
  });
});
