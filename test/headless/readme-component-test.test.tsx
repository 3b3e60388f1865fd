// The README's component test example, as it is printed there (keep the two the same).
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { KlingVideoEditor } from "../../src";
import { createFakeKling, createFakeProxy } from "../../src/testing";
import { fakeProxyHandlers } from "../../src/testing/msw";

// The real proxy, in front of the simulated PixelDojo, answering the page's /api/kling.
const fake = createFakeKling({ processingMs: 30_000, outputVideoUrl: "https://cdn.example.com/edited.mp4" });
const server = setupServer(...fakeProxyHandlers(createFakeProxy(fake)));
beforeAll(() => server.listen());
afterAll(() => server.close());

it("runs one edit to the comparison, with one paid submit", async () => {
  const user = userEvent.setup();
  render(<KlingVideoEditor proxyUrl="/api/kling" persist={false} />);
  await user.type(screen.getByLabelText("What to change"), "Make it snow");
  await user.type(screen.getByLabelText("Source video URL"), "https://cdn.example.com/source.mp4");
  await user.type(screen.getByLabelText("Video length (seconds)"), "5");

  // From here on the clock is the test's: the watch's timers and the fake's time (it reads
  // Date.now()). The answers themselves (msw) stay real I/O.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  await act(async () => screen.getByRole("button", { name: "Start edit" }).click());
  // A second at a time, so that each status answer arrives before the next poll is due.
  for (let second = 0; second < 40; second++) await act(() => vi.advanceTimersByTimeAsync(1_000));

  expect(screen.getByRole("slider", { name: "Comparison divider" })).toBeTruthy();
  expect(fake.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  vi.useRealTimers();
});
