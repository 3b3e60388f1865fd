import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, renderHook, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { KlingProvider, useKlingContext, useKlingEdit } from "../../src";
import { PROXY_URL, setupFakeKling, installFakeClock, validInput } from "../support/kling";

const kling = setupFakeKling();

describe("KlingProvider", () => {
  it("works without the app's QueryClientProvider", async () => {
    installFakeClock();
    kling.use();
    const { result } = renderHook(() => useKlingEdit(), {
      wrapper: ({ children }: { children?: ReactNode }) => (
        <KlingProvider proxyUrl={PROXY_URL}>{children}</KlingProvider>
      ),
    });
    await act(() => result.current.submit(validInput));
    expect(result.current.status).toBe("pending");
  });

  it("uses the app's QueryClient when there is one, and an explicit one first", () => {
    const app = new QueryClient();
    const explicit = new QueryClient();
    const seen: QueryClient[] = [];
    function Probe() {
      seen.push(useKlingContext().queryClient);
      return null;
    }
    render(
      <QueryClientProvider client={app}>
        <KlingProvider proxyUrl={PROXY_URL}>
          <Probe />
        </KlingProvider>
        <KlingProvider proxyUrl={PROXY_URL} queryClient={explicit}>
          <Probe />
        </KlingProvider>
      </QueryClientProvider>,
    );
    expect(seen[0]).toBe(app);
    expect(seen.at(-1)).toBe(explicit);
  });

  it("sends the app's headers and uses its fetch, read at request time", async () => {
    installFakeClock();
    const fake = kling.use();
    const fetchSpy = vi.fn(fake.fetch);
    const { result } = renderHook(() => useKlingEdit(), {
      wrapper: ({ children }: { children?: ReactNode }) => (
        <KlingProvider proxyUrl={`http://localhost:3000${PROXY_URL}`} fetch={fetchSpy} headers={{ "x-csrf": "abc" }}>
          {children}
        </KlingProvider>
      ),
    });
    await act(() => result.current.submit(validInput));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(new Headers(fetchSpy.mock.calls[0]![1]!.headers).get("x-csrf")).toBe("abc");
  });

  it("explains what is missing when a hook runs outside it", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    function Orphan() {
      useKlingEdit();
      return null;
    }
    expect(() => render(<Orphan />)).toThrow(/KlingProvider/);
    expect(screen.queryByText("x")).toBeNull();
  });
});
