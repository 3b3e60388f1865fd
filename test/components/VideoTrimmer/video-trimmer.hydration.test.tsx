// The trimmer renders on the server (no window, no object URL made) and hydrates without a
// mismatch; the file's object URL is made only after mount.
import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { expect, it, vi } from "vitest";
import { VideoTrimmer } from "../../../src/components";

it("VideoTrimmer renders on the server and hydrates without mismatches", async () => {
  const createObjectURL = vi.fn(() => "blob:clip");
  Object.defineProperty(URL, "createObjectURL", { value: createObjectURL, configurable: true });
  Object.defineProperty(URL, "revokeObjectURL", { value: vi.fn(), configurable: true });
  const element = <VideoTrimmer file={new Blob(["x"], { type: "video/mp4" })} info={{ durationSeconds: 30 }} />;
  const html = renderToString(element);
  expect(createObjectURL).not.toHaveBeenCalled();
  expect(html).toContain('aria-valuetext="End 0:10.0 (10 s selected)"');
  const container = document.createElement("div");
  container.innerHTML = html;
  document.body.append(container);
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const recoverable: unknown[] = [];
  const root = await act(async () =>
    hydrateRoot(container, element, { onRecoverableError: (error) => recoverable.push(error) }),
  );
  expect([...errors.mock.calls.map((call) => call.map(String).join(" ")), ...recoverable.map(String)]).toEqual([]);
  expect(container.querySelector("video")!.getAttribute("src")).toBe("blob:clip");
  act(() => root.unmount());
  container.remove();
});
