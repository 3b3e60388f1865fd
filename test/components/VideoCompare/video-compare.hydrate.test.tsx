import { act } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { expect, it, vi } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { stubMediaPlayback } from "./media";

it("hydrates the server's HTML without warnings, then works", async () => {
  stubMediaPlayback();
  const ui = <VideoCompare before="/a.mp4" after="/b.mp4" defaultPosition={30} labels={{ after: "Result" }} />;
  const container = document.createElement("div");
  container.innerHTML = renderToString(ui);
  document.body.append(container);
  const errors = vi.spyOn(console, "error");
  const root = await act(async () => hydrateRoot(container, ui));
  expect(errors).not.toHaveBeenCalled();
  const slider = container.querySelector<HTMLElement>('[role="slider"]')!;
  expect(slider.getAttribute("aria-valuetext")).toBe("Original 30 % / Result 70 %");
  act(() => void slider.dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true })));
  expect(slider.getAttribute("aria-valuenow")).toBe("100");
  act(() => root.unmount());
  container.remove();
});
