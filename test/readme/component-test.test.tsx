// The README's component test example, as it is printed there (keep the two the same).
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { KlingVideoEditor } from "../../src";
import { createFakeKling, createFakeProxy } from "../../src/testing";

afterEach(() => vi.useRealTimers());

it("runs one edit to the comparison, with one paid submit", async () => {
  // One clock from the first request on, the test's: the page's timers, the proxy's watch and
  // the fake's time (it reads Date.now()). The real proxy in front of the simulated PixelDojo is
  // called in-process as the page's fetch: no socket between them, so only that clock decides.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  const fake = createFakeKling({ processingMs: 30_000, outputVideoUrl: "https://cdn.example.com/edited.mp4" });
  const proxy = createFakeProxy(fake);
  render(<KlingVideoEditor proxyUrl="/api/kling" fetch={proxy.fetch} persist={false} />);
  // fireEvent, not user-event: user-event and Testing Library's async helpers wait on timers.
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  type("What to change", "Make it snow");
  type("Source video URL", "https://cdn.example.com/source.mp4");
  type("Video length (seconds)", "5");

  await act(async () => screen.getByRole("button", { name: "Start edit" }).click());
  await act(() => vi.advanceTimersByTimeAsync(40_000));

  expect(screen.getByRole("slider", { name: "Comparison divider" })).toBeTruthy();
  expect(fake.requests.filter((request) => request.method === "POST")).toHaveLength(1);
});
