import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useKlingEdit } from "../../src";
import { advance, setupFakeKling, installFakeClock, validInput, wrapper } from "../support/kling";

// The polling path: this proxy offers no event stream (as a proxy in another language may not).
const kling = setupFakeKling({ queueMs: 3_000, processingMs: 60_000 }, { push: false });
const gets = () => kling.fake.requests.filter((r) => r.method === "GET").length;

describe("polling stops", () => {
  it("on unmount", async () => {
    installFakeClock();
    kling.use();
    const { result, unmount } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    await advance(12_500);
    expect(gets()).toBe(3);
    unmount();
    await advance(60_000);
    expect(gets()).toBe(3);
  });

  it("on reset, which also forgets the job (PixelDojo has no cancel)", async () => {
    installFakeClock();
    kling.use();
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    await advance(7_500);
    expect(gets()).toBe(2);
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ status: "idle", jobId: undefined, job: undefined, isBusy: false });
    expect(sessionStorage.length).toBe(0);
    await advance(60_000);
    expect(gets()).toBe(2);
  });

  it("at a terminal status", async () => {
    installFakeClock();
    kling.use({ processingMs: 10_000 });
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    await advance(20_000);
    expect(result.current.status).toBe("completed");
    const count = gets();
    await advance(120_000);
    expect(gets()).toBe(count);
  });
});
