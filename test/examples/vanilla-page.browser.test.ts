import { expect, it, vi } from "vitest";
import { mountVanillaEditor } from "../../examples/vanilla/editor";
import { createFakeKling, createFakeProxy } from "../../src/testing/index";

// The vanilla example (no React) runs one edit with the core entry, in Chromium, against the
// simulated backend behind the library's proxy, its fetch in-page. Real time (the proxy signs
// claims with Web Crypto, which a fake clock cannot drive): a job of a few hundred ms, and the
// page's own status line awaited, never a fixed sleep.

it("the vanilla page runs an edit: live status, then the edited video", async () => {
  const proxy = createFakeProxy(
    createFakeKling({ queueMs: 100, processingMs: 200, outputVideoUrl: "https://cdn.example.com/edited.mp4" }),
  );
  const root = document.body.appendChild(document.createElement("div"));
  const unmount = mountVanillaEditor(root, { proxyUrl: "/api/kling", fetch: proxy.fetch, persist: false });
  const status = root.querySelector<HTMLElement>("[role=status]")!;
  expect(status.getAttribute("aria-live")).toBe("polite");
  // Every field has a label.
  for (const field of root.querySelectorAll("input, textarea"))
    expect((field as HTMLInputElement).labels?.length).toBe(1);

  const fill = (name: string, value: string) =>
    ((root.querySelector(`[name=${name}]`) as HTMLInputElement).value = value);
  fill("prompt", "Make it snow");
  fill("video_url", "https://cdn.example.com/source.mp4");
  fill("video_duration", "5");
  root.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
  // A second click while busy sends nothing.
  root.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
  const seen = new Set<string>();
  await vi.waitFor(
    () => {
      seen.add(status.dataset.status!);
      expect(status.dataset.status).toBe("completed");
    },
    { timeout: 20_000, interval: 20 },
  );
  expect(seen.has("submitting") || seen.has("pending") || seen.has("processing")).toBe(true);
  const video = root.querySelector("video")!;
  expect(video.hidden).toBe(false);
  expect(video.getAttribute("src")).toBe("https://cdn.example.com/edited.mp4");
  expect(proxy.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  unmount();
  root.remove();
});

it("an invalid input is refused on the page before anything is sent", async () => {
  const proxy = createFakeProxy(createFakeKling());
  const root = document.body.appendChild(document.createElement("div"));
  const unmount = mountVanillaEditor(root, { proxyUrl: "/api/kling", fetch: proxy.fetch, persist: false });
  root.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
  await vi.waitFor(() => expect(root.querySelector<HTMLElement>("[role=alert]")!.hidden).toBe(false));
  expect(root.querySelector<HTMLElement>("[role=status]")!.dataset.status).toBe("idle");
  expect(proxy.requests).toHaveLength(0);
  unmount();
  root.remove();
});
