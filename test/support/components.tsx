import { fireEvent } from "@testing-library/react";
import { expect, vi } from "vitest";

/** jsdom plays no media: give a `<video>` the metadata a browser would read, then fire the event. */
export function loadVideoMetadata(
  video: HTMLVideoElement,
  metadata: { duration: number; width?: number; height?: number },
) {
  Object.defineProperty(video, "duration", { configurable: true, value: metadata.duration });
  Object.defineProperty(video, "videoWidth", { configurable: true, value: metadata.width ?? 1280 });
  Object.defineProperty(video, "videoHeight", { configurable: true, value: metadata.height ?? 720 });
  fireEvent.loadedMetadata(video);
}

/** A `<video>` that fails as a broken or refused URL does (MediaError 4, source not supported). */
export function failVideo(video: HTMLVideoElement, code = 4) {
  Object.defineProperty(video, "error", { configurable: true, value: { code, message: "" } });
  fireEvent.error(video);
}

/** Runs axe-core on a rendered tree and fails with the rule ids and targets of any violation. */
export async function expectNoAxeViolations(container: Element) {
  const axe = (await import("axe-core")).default;
  const running = axe.run(container, { resultTypes: ["violations"] });
  // axe schedules its own work on timers: under fake ones, move them along until it is done.
  let done = false;
  void running.finally(() => (done = true));
  while (vi.isFakeTimers() && !done) await vi.advanceTimersByTimeAsync(1);
  const result = await running;
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found).toEqual([]);
}

/** The `<video>` preview of the form, which has no role of its own in jsdom. */
export function previewVideo(container: Element): HTMLVideoElement {
  const video = container.querySelector("video");
  if (!video) throw new Error("no preview <video> rendered");
  return video;
}

/** jsdom has no `CSS.escape`, which user-event needs to walk a radio group with the arrow keys. */
export function installCssEscape() {
  const scope = window as unknown as { CSS?: { escape?: (value: string) => string } };
  scope.CSS ??= {};
  scope.CSS.escape ??= (value) => value.replace(/[^\w-]/g, (char) => `\\${char}`);
}
