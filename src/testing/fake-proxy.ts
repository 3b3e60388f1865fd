import { createKlingProxy } from "../server/proxy";
import { createMemoryStore } from "../server/store/memory";
import type { KlingStore } from "../server/store/types";
import type { KlingProxyCommonOptions, KlingProxyHandler, KlingProxyIdentify } from "../server/types";
import { matchContractPath } from "../core/contract";
import { pathBelowBase } from "../server/routes";
import { PIXELDOJO_API_URL, type FakeAnswer, type FakeKling } from "./fake-kling";

export interface FakeProxyOptions extends Partial<KlingProxyCommonOptions> {
  identify?: KlingProxyIdentify;
  /**
   * Who the browser is signed in as (the proxy's `identify` answers this); `null` is signed
   * out. Default `"test-user"`. Change it later with `signIn()`. Ignored when `identify` is given.
   */
  user?: string | null;
  /** The page's origin, for relative URLs given to `fetch`. Default `http://localhost`. */
  origin?: string;
}

/** A browser-side fault: the connection to the proxy breaks before any answer. */
export interface FakeProxyFaultRule {
  /** Which calls it hits. Default `"any"`. */
  on?: "submit" | "status" | "history" | "events" | "any";
  /** How many requests it hits. Default 1. */
  times?: number;
}

/** One request the browser sent to the proxy. */
export interface FakeProxyRequest {
  method: string;
  /** Path below the proxy's `basePath`, e.g. `/jobs/job_1`. */
  path: string;
  /** The signed-in user at the time. */
  user: string | null;
  /** Broken by `failNext` before it reached the proxy. */
  dropped: boolean;
  /** The `Last-Event-ID` it carried (an event stream resuming), if any. */
  lastEventId: string | null;
}

/**
 * The real proxy (`createKlingProxy`) in front of the simulated upstream: what a browser talks
 * to in tests, Storybook and demos, so that they exercise the one proxy apps run. Its `fetch`
 * (or the msw handlers of `fakeProxyHandlers`) stands in for the network between browser and server.
 */
export interface FakeProxy {
  /** The proxy itself. */
  readonly handler: KlingProxyHandler;
  /** The upstream behind it. */
  readonly fake: FakeKling;
  /** Where the proxy keeps ownership, history and spend. */
  readonly store: KlingStore;
  /** The proxy's `basePath` (the browser's `proxyUrl` on the page's origin). */
  readonly basePath: string;
  /** Answers one browser request: the proxy's response, or `"network_error"` for a broken connection. */
  handle(request: Request): Promise<FakeAnswer>;
  /** A browser `fetch` to the proxy; relative URLs resolve against `origin`. */
  fetch: typeof fetch;
  /** Breaks the connection of the next matching browser requests (`TypeError: Failed to fetch`). */
  failNext(rule?: FakeProxyFaultRule): void;
  /** Signs the browser in as another user; `null` signs out. */
  signIn(user: string | null): void;
  /** Every browser request, in order. */
  readonly requests: readonly FakeProxyRequest[];
}

/** The simulated upstream's API key, as the proxy must send it. */
const keyOf = (fake: FakeKling) => fake.options.apiKey ?? "test-key";

export function createFakeProxy(fake: FakeKling, options: FakeProxyOptions = {}): FakeProxy {
  const { user: initialUser = "test-user", origin = "http://localhost", ...proxyOptions } = options;
  let user: string | null = initialUser;
  const store = proxyOptions.store ?? createMemoryStore();
  const handler = createKlingProxy({
    apiKey: keyOf(fake),
    upstream: fake.options.upstreamUrl ?? PIXELDOJO_API_URL,
    fetch: fake.fetch,
    basePath: "/api/kling",
    identify: () => user,
    authorize: () => true,
    // The simulated backend's refusals are part of what tests look at, not operator news.
    log: () => undefined,
    ...proxyOptions,
    store,
  });
  const requests: FakeProxyRequest[] = [];
  let rules: Array<Required<FakeProxyFaultRule>> = [];

  async function handle(request: Request): Promise<FakeAnswer> {
    const path = pathBelowBase(new URL(request.url).pathname, handler.basePath) ?? new URL(request.url).pathname;
    const route = matchContractPath(path).kind;
    const rule = rules.find((one) => one.on === "any" || one.on === route);
    if (rule && --rule.times <= 0) rules = rules.filter((one) => one !== rule);
    requests.push({
      method: request.method,
      path,
      user,
      dropped: !!rule,
      lastEventId: request.headers.get("last-event-id"),
    });
    return rule ? "network_error" : handler(request);
  }

  return {
    handler,
    fake,
    store,
    basePath: handler.basePath,
    handle,
    fetch: async (input, init) => {
      const request =
        typeof input === "string" || input instanceof URL
          ? new Request(new URL(input, origin), init)
          : new Request(input, init);
      const answer = await handle(request);
      if (answer === "network_error") throw new TypeError("Failed to fetch (simulated network error)");
      return answer;
    },
    failNext(rule = {}) {
      rules.push({ on: "any", times: 1, ...rule });
    },
    signIn(next) {
      user = next;
    },
    get requests() {
      return requests;
    },
  };
}
