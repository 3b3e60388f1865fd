import { QueryClient } from "@tanstack/react-query";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { act } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { KlingProvider, type KlingProviderProps } from "../../src";
import {
  createFakeKling,
  createFakeProxy,
  type FakeKling,
  type FakeKlingOptions,
  type FakeProxy,
  type FakeProxyOptions,
} from "../../src/testing";
import { fakeProxyHandlers } from "../../src/testing/msw";
import { inProcessFetch } from "./in-process-fetch";

export const PROXY_URL = "/api/kling";

/**
 * Every fetch of the test goes through msw to the real proxy in front of a fake upstream;
 * `use(options)` swaps both in a test. `fake` is the upstream (its requests, its faults),
 * `proxy` the browser's side of it (its requests, broken connections, who is signed in).
 */
export function setupFakeKling(defaults: FakeKlingOptions = {}, proxyDefaults: FakeProxyOptions = {}) {
  const server = setupServer();
  const make = (options: FakeKlingOptions = {}, proxyOptions: FakeProxyOptions = {}) => {
    const fake = createFakeKling({ ...defaults, ...options });
    return createFakeProxy(fake, { basePath: PROXY_URL, ...proxyDefaults, ...proxyOptions });
  };
  const ctx: { proxy: FakeProxy } = { proxy: make() };
  const use = (options: FakeKlingOptions = {}, proxyOptions: FakeProxyOptions = {}): FakeKling => {
    ctx.proxy = make(options, proxyOptions);
    server.resetHandlers(...fakeProxyHandlers(ctx.proxy));
    return ctx.proxy.fake;
  };
  // The page's fetch resolves through the same handlers in-process (see inProcessFetch).
  let realFetch: typeof fetch;
  beforeAll(() => {
    server.listen({ onUnhandledFrame: "error" });
    realFetch = globalThis.fetch;
    globalThis.fetch = inProcessFetch(server);
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => {
    globalThis.fetch = realFetch;
    server.close();
  });
  return {
    server,
    use,
    get fake() {
      return ctx.proxy.fake;
    },
    get proxy() {
      return ctx.proxy;
    },
  };
}

/** Fake timers that leave microtasks and I/O alone, so msw and promises keep running. */
export function installFakeClock(start = Date.parse("2026-11-28T10:00:00Z")) {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"], now: start });
}

/** Lets real I/O (msw answers) run while timers are fake. */
export async function flushIO(rounds = 10) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Moves fake time forward in steps, letting answers arrive in between. Each step is its own
 * `act`, so renders and effects (which start and stop polling) happen when they would.
 */
export async function advance(ms: number, step = 250) {
  const settleMs = 3;
  for (let done = 0; done < ms; done += step) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(Math.max(0, Math.min(step, ms - done) - settleMs));
      // Answers and TanStack Query's notifications ride on short timers: give them a few ms.
      for (let round = 0; round < settleMs; round++) {
        await flushIO();
        await vi.advanceTimersByTimeAsync(1);
      }
    });
  }
}

export function wrapper(props: Partial<KlingProviderProps> = {}) {
  const queryClient = props.queryClient ?? new QueryClient();
  return function Wrapper({ children }: { children?: ReactNode }) {
    return (
      <KlingProvider proxyUrl={PROXY_URL} queryClient={queryClient} {...props}>
        {children}
      </KlingProvider>
    );
  };
}

export const validInput = {
  prompt: "Make it snow",
  video_url: "https://cdn.example.com/source.mp4",
  video_duration: 5,
};
