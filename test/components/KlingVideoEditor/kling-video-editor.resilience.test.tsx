import { QueryClient } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { describe, expect, it } from "vitest";
import { KlingVideoEditor } from "../../../src/components";
import { advance, installFakeClock, PROXY_URL, setupFakeKling, validInput } from "../../support/kling";

// The polling path: this proxy offers no event stream (as a proxy in another language may not).
const kling = setupFakeKling({ queueMs: 3_000, processingMs: 30_000 }, { push: false });
const step = (container: HTMLElement) => container.querySelector<HTMLElement>(".kling-editor")!.dataset.step;
const posts = () => kling.fake.requests.filter((r) => r.method === "POST");

function Editor() {
  return (
    <StrictMode>
      <KlingVideoEditor proxyUrl={PROXY_URL} queryClient={new QueryClient()} defaultValues={validInput} />
    </StrictMode>
  );
}

describe("KlingVideoEditor resilience", () => {
  it("sends one POST for a double click, under StrictMode", async () => {
    installFakeClock();
    kling.use({ latencyMs: 100 });
    render(<Editor />);
    const button = screen.getByRole("button", { name: "Start edit" });
    act(() => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    await advance(1_000);
    expect(posts()).toHaveLength(1);
  });

  it("resumes watching the paid job after a reload instead of losing it", async () => {
    installFakeClock();
    kling.use({ outputVideoUrl: "https://cdn.example.com/edited.mp4" });
    const first = render(<Editor />);
    fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
    await advance(1_000);
    expect(step(first.container)).toBe("progress");
    first.unmount();

    const second = render(<Editor />);
    await advance(500);
    expect(step(second.container)).toBe("progress");
    expect(screen.getByText(validInput.prompt)).toBeTruthy();
    // Resumed at page load, not by the user: the focus stays where it was.
    expect(document.activeElement).toBe(document.body);
    await advance(40_000);
    expect(step(second.container)).toBe("result");
    expect(posts()).toHaveLength(1);
  });

  const statusFaults: Array<[string, () => void, string]> = [
    [
      "connection lost",
      () => kling.proxy.failNext({ on: "status", times: 2 }),
      "The network connection was lost. Retrying…",
    ],
    [
      "rate limited",
      () => kling.fake.failNext({ fault: "rate_limit", on: "status", retryAfterSeconds: 7 }),
      "Rate limited, retrying in 7 s.",
    ],
  ];
  it.each(statusFaults)(
    "status requests %s: says so while retrying, offers no button, and carries on",
    async (_, fault, text) => {
      installFakeClock();
      kling.use();
      const { container } = render(<Editor />);
      fireEvent.click(screen.getByRole("button", { name: "Start edit" }));
      await advance(500);
      fault();
      await advance(2_500);
      expect(screen.getByRole("status").textContent).toContain(text);
      expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
      await advance(60_000);
      expect(step(container)).toBe("result");
    },
  );
});
