import { act, renderHook } from "@testing-library/react";
import { StrictMode, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { useKlingEdit } from "../../src";
import { advance, setupFakeKling, installFakeClock, validInput, wrapper } from "../support/kling";

const kling = setupFakeKling({ latencyMs: 200 });
const posts = () => kling.fake.requests.filter((r) => r.method === "POST");

describe("one POST per submit", () => {
  it("sends one POST under StrictMode", async () => {
    installFakeClock();
    kling.use({ latencyMs: 200 });
    const Provider = wrapper();
    const { result } = renderHook(() => useKlingEdit(), {
      wrapper: ({ children }: { children?: ReactNode }) => (
        <StrictMode>
          <Provider>{children}</Provider>
        </StrictMode>
      ),
    });
    act(() => void result.current.submit(validInput));
    await advance(10_000);
    expect(posts()).toHaveLength(1);
    expect(kling.fake.jobs).toHaveLength(1);
    expect(result.current.status).toBe("processing");
  });

  it("ignores a double click, and a submit while the job runs", async () => {
    installFakeClock();
    kling.use({ latencyMs: 200 });
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    let first: Promise<unknown> | undefined;
    let second: Promise<unknown> | undefined;
    act(() => {
      // Two clicks in one frame see the same render.
      first = result.current.submit(validInput);
      second = result.current.submit(validInput);
    });
    await advance(500);
    await expect(second).resolves.toBeUndefined();
    await expect(first).resolves.toMatchObject({ status: "pending" });
    expect(result.current.isBusy).toBe(true);
    await act(async () => {
      await expect(result.current.submit({ ...validInput, prompt: "another" })).resolves.toBeUndefined();
    });
    expect(posts()).toHaveLength(1);
  });

  it("allows a new submit once the edit ended", async () => {
    installFakeClock();
    kling.use({ latencyMs: 0, queueMs: 1_000, processingMs: 5_000 });
    const { result } = renderHook(() => useKlingEdit(), { wrapper: wrapper() });
    await act(() => result.current.submit(validInput));
    await advance(10_000);
    expect(result.current.status).toBe("completed");
    await act(() => result.current.submit({ ...validInput, prompt: "Make it rain" }));
    expect(posts()).toHaveLength(2);
    expect(result.current.status).toBe("pending");
    expect(result.current.input?.prompt).toBe("Make it rain");
  });
});
