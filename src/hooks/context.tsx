import { QueryClient, QueryClientContext } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useIsomorphicLayoutEffect } from "./isomorphic";
import { createJobClient, type HeadersOption, type KlingJobClient } from "../core/client";
import type { KlingLimits } from "../core/limits";
import type { PollingOptions } from "../core/schedule";
import { createJobWatcher, type JobWatcher } from "./watch";

export interface KlingProviderProps {
  /** Where the app mounted its proxy (see `react-kling-edit/server`), e.g. `/api/kling`. */
  proxyUrl: string;
  /** Replaces the global `fetch` (tests, or a fetch that adds the app's own auth). */
  fetch?: typeof fetch;
  /** Extra headers for the app's own auth to its proxy; a function is called per request. */
  headers?: HeadersOption;
  /** When to ask for a job's status; the defaults suit Kling's minutes-long jobs. */
  polling?: PollingOptions;
  /** Overrides of the model limits used by validation. */
  limits?: Partial<KlingLimits>;
  /**
   * The TanStack Query client to keep jobs in. Defaults to the app's (from its
   * `QueryClientProvider`), else one of the provider's own.
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

export interface KlingContextValue {
  /** The proxy calls of one edit; the history is `useKlingHistory`'s (or `createKlingClient`'s). */
  client: KlingJobClient;
  queryClient: QueryClient;
  watcher: JobWatcher;
  proxyUrl: string;
  limits?: Partial<KlingLimits>;
  /** The provider's `fetch` and `headers`, read at request time (for other requests to the proxy, such as uploads). */
  fetch: typeof fetch;
  headers: () => HeadersInit | Promise<HeadersInit>;
}

const KlingContext = /* @__PURE__ */ createContext<KlingContextValue | null>(null);

/** Gives the hooks and components below it the proxy URL and a place to keep jobs. */
export function KlingProvider(props: KlingProviderProps) {
  const appQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() => (props.queryClient || appQueryClient ? undefined : new QueryClient()));
  const queryClient = props.queryClient ?? appQueryClient ?? ownQueryClient!;
  // `fetch` and `headers` are read at request time, so inline values do not rebuild the client.
  const latest = useRef(props);
  useIsomorphicLayoutEffect(() => {
    latest.current = props;
  });
  const [transport] = useState(() => ({
    fetch: ((input, init) => (latest.current.fetch ?? fetch)(input, init)) as typeof fetch,
    headers: () => {
      const { headers } = latest.current;
      return typeof headers === "function" ? headers() : (headers ?? {});
    },
  }));
  const { proxyUrl } = props;
  // Compared by content: inline objects must not rebuild the client and drop the watches.
  const pollingKey = JSON.stringify(props.polling ?? {});
  const limitsKey = JSON.stringify(props.limits ?? {});

  const value = useMemo<KlingContextValue>(() => {
    const limits = JSON.parse(limitsKey) as Partial<KlingLimits>;
    const client = createJobClient({
      proxyUrl,
      limits,
      fetch: transport.fetch,
      headers: transport.headers,
    });
    return {
      client,
      queryClient,
      proxyUrl: client.proxyUrl,
      limits,
      ...transport,
      watcher: createJobWatcher(queryClient, client, JSON.parse(pollingKey) as PollingOptions),
    };
  }, [proxyUrl, queryClient, pollingKey, limitsKey, transport]);

  // A client passed as a prop (or the provider's own) may have no QueryClientProvider to mount
  // it; unmounted, it never resumes paused fetches after the browser comes back online.
  // Mounting is counted, so this is harmless for the app's already-mounted client.
  useEffect(() => {
    queryClient.mount();
    return () => queryClient.unmount();
  }, [queryClient]);

  return <KlingContext.Provider value={value}>{props.children}</KlingContext.Provider>;
}

/** The nearest `KlingProvider`'s value, if any (components that also work without one). */
export function useOptionalKlingContext(): KlingContextValue | null {
  return useContext(KlingContext);
}

/** The nearest `KlingProvider`'s value; throws a clear error outside one. */
export function useKlingContext(): KlingContextValue {
  const value = useOptionalKlingContext();
  if (!value) {
    // The long form for developers; apps' bundlers keep only the short one in production builds.
    throw new Error(
      process.env.NODE_ENV === "production"
        ? "react-kling-edit: no <KlingProvider>"
        : 'react-kling-edit: this hook needs a <KlingProvider proxyUrl="…"> above it in the tree.',
    );
  }
  return value;
}
