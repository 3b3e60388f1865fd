import { focusManager, onlineManager, QueryClient } from "@tanstack/react-query";
import { act, render, renderHook } from "@testing-library/react";
import { http } from "msw";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { KlingProvider, useKlingEdit, type UseKlingEditResult } from "../../src";
import { advance, installFakeClock, PROXY_URL, setupFakeKling, validInput, wrapper } from "../support/kling";

// The polling path: this proxy offers no event stream (as a proxy in another language may not).
const kling = setupFakeKling({ queueMs: 2_000, processingMs: 60_000 }, { push: false });
const posts = () => kling.fake.requests.filter((r) => r.method === "POST").length;
const gets = () => kling.fake.requests.filter((r) => r.method === "GET").length;

describe("credits are not spent twice, results are not lost", () => {
  it("reset() while a 429 is being waited out sends nothing more", async () => {
    installFakeClock();
    kling.use().failNext({ fault: "rate_limit", on: "submit", retryAfterSeconds: 5 });
    const { result, unmount } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    act(() => void result.current.submit(validInput));
    await advance(1_000);
    act(() => result.current.reset());
    await advance(20_000);
    expect(posts()).toBe(1);
    expect(kling.fake.jobs).toHaveLength(0);
    unmount();
  });

  it("unmounting while a 429 is being waited out sends nothing more", async () => {
    installFakeClock();
    kling.use().failNext({ fault: "rate_limit", on: "submit", retryAfterSeconds: 5 });
    const { result, unmount } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    act(() => void result.current.submit(validInput));
    await advance(1_000);
    unmount();
    await advance(20_000);
    expect(posts()).toBe(1);
  });

  it("reset() during a POST in flight does not open the way to a second POST, and reports the paid job", async () => {
    installFakeClock();
    kling.use({ latencyMs: 1_000 });
    const onSubmitted = vi.fn();
    const { result } = renderHook(() => useKlingEdit({ onSubmitted }), { wrapper: wrapper() });
    act(() => void result.current.submit(validInput));
    await advance(200);
    act(() => result.current.reset());
    let second: Promise<unknown> | undefined;
    act(() => void (second = result.current.submit(validInput)));
    await advance(2_000);
    await expect(second).resolves.toBeUndefined();
    expect(posts()).toBe(1);
    expect(onSubmitted).toHaveBeenCalledTimes(1);
    expect(result.current.status).toBe("idle");
  });

  it("a failed submit that may have been charged says so", async () => {
    installFakeClock();
    kling.use().failNext({ fault: "server_error", on: "submit" });
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    expect(result.current.error).toMatchObject({ code: "upstream_error", maybeCharged: true });
  });

  it("reset() removes only its own saved job, and two editors on one key are warned about", async () => {
    installFakeClock();
    kling.use();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const edits: UseKlingEditResult[] = [];
    function Editor({ index }: { index: number }) {
      edits[index] = useKlingEdit();
      return null;
    }
    const Wrapper = wrapper();
    render(
      <Wrapper>
        <Editor index={0} />
        <Editor index={1} />
      </Wrapper>,
    );
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("give each its own `persist` key"));
    await act(() => edits[0]!.submit(validInput));
    await act(() => edits[1]!.submit({ ...validInput, prompt: "Make it rain" }));
    const key = "react-kling-edit:/api/kling";
    const savedB = JSON.parse(sessionStorage.getItem(key)!).jobId;
    expect(savedB).toBe(edits[1]!.jobId);
    act(() => edits[0]!.reset());
    expect(JSON.parse(sessionStorage.getItem(key)!).jobId).toBe(savedB);
  });
});

describe("network behaviour", () => {
  it("a QueryClient given as a prop, with no QueryClientProvider, resumes after an offline spell", async () => {
    installFakeClock();
    kling.use({ processingMs: 10_000 });
    const queryClient = new QueryClient();
    const { result } = renderHook(() => useKlingEdit(), {
      wrapper: ({ children }: { children?: ReactNode }) => (
        <KlingProvider proxyUrl={PROXY_URL} queryClient={queryClient}>
          {children}
        </KlingProvider>
      ),
    });
    await act(() => result.current.submit(validInput));
    act(() => onlineManager.setOnline(false));
    await advance(20_000);
    expect(result.current.isOffline).toBe(true);
    act(() => onlineManager.setOnline(true));
    await advance(8_000);
    expect(result.current.status).toBe("completed");
  });

  it("focusing the tab does not ask again inside a Retry-After window", async () => {
    installFakeClock();
    kling.use();
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    kling.fake.failNext({ fault: "rate_limit", on: "status", retryAfterSeconds: 30 });
    await advance(2_500);
    expect(result.current.error?.code).toBe("rate_limited");
    const before = gets();
    for (let i = 0; i < 5; i++) {
      act(() => focusManager.setFocused(false));
      act(() => focusManager.setFocused(true));
      await advance(1_500);
    }
    expect(gets()).toBe(before);
    act(() => focusManager.setFocused(undefined));
  });

  it("an error body of { error: null } is an error the watch survives", async () => {
    installFakeClock();
    kling.use({ processingMs: 10_000 });
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    kling.server.use(
      http.get("*/api/kling/jobs/:id", () => Response.json({ error: null }, { status: 502 }), { once: true }),
    );
    await advance(2_500);
    expect(result.current.error?.code).toBe("upstream_error");
    await advance(30_000);
    expect(result.current.status).toBe("completed");
  });
});
