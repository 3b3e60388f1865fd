// The README's component test example, as it is printed there (keep the two the same).
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import { KlingVideoEditor } from "../../src";
import { createFakeKling, createFakeProxy } from "../../src/testing";

afterEach(() => vi.useRealTimers());

it("runs one edit to the comparison, with one paid submit", async () => {
  // The real proxy in front of the simulated PixelDojo, called in-process as the page's fetch:
  // no socket between them, so only the test's clock decides when anything happens.
  const fake = createFakeKling({ processingMs: 30_000, outputVideoUrl: "https://cdn.example.com/edited.mp4" });
  const proxy = createFakeProxy(fake);
  const user = userEvent.setup();
  render(<KlingVideoEditor proxyUrl="/api/kling" fetch={proxy.fetch} persist={false} />);
  await user.type(screen.getByLabelText("What to change"), "Make it snow");
  await user.type(screen.getByLabelText("Source video URL"), "https://cdn.example.com/source.mp4");
  await user.type(screen.getByLabelText("Video length (seconds)"), "5");

  // From here on the clock is the test's: the page's timers, the proxy's watch and the fake's
  // time (it reads Date.now()). Faked after typing: user-event waits on real timers.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  await act(async () => screen.getByRole("button", { name: "Start edit" }).click());
  await act(() => vi.advanceTimersByTimeAsync(40_000));

  expect(screen.getByRole("slider", { name: "Comparison divider" })).toBeTruthy();
  expect(fake.requests.filter((request) => request.method === "POST")).toHaveLength(1);
});
