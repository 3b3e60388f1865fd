import { onlineManager, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { KlingError } from "../core/errors";
import { describeJob } from "../core/status";
import { isRunning, isTerminalStatus, type KlingEditStatus, type KlingJob } from "../core/types";
import { useKlingContext } from "./context";
import { useIsomorphicLayoutEffect } from "./isomorphic";
import { jobQueryKey } from "./watch";

const isBrowserOffline = () => !onlineManager.isOnline();
// On the server (and during hydration) the browser counts as online.
const neverOffline = () => false;

export interface UseKlingJobOptions {
  /** When the job was submitted (ms since epoch): the watch deadline counts from here. */
  submittedAt?: number;
  /** The job's `expiresAt`, if known before its first status (say, kept across a reload). */
  expiresAt?: string;
  /** Set to false to read the cache without watching. Default true. */
  enabled?: boolean;
  /**
   * Keep what the job's event stream brought in sessionStorage, so that a reload shows it at
   * once and resumes after it. Default false; `useKlingEdit` sets it when it keeps the edit.
   */
  remember?: boolean;
}

export interface UseKlingJobResult {
  /** The last job the API reported. */
  job?: KlingJob;
  status: KlingEditStatus;
  /** The failure to show, or a transient one being retried (see `isRetrying`). */
  error?: KlingError;
  /** The edited video, once completed. */
  videoUrl?: string;
  /** The last status request failed and another is scheduled. */
  isRetrying: boolean;
  /** The browser is offline; watching resumes when it is back. */
  isOffline: boolean;
  /**
   * Watches the job again, with a fresh deadline, after the watch ended on one (`expired` with
   * code `timeout`): the job may still finish. Sends no submit and costs no credits.
   */
  rewatch: () => void;
}

/**
 * Watches a job by id until it ends, however many components call it: they share one query
 * and one polling loop. Pass `undefined` to watch nothing.
 */
export function useKlingJob(jobId: string | undefined, options: UseKlingJobOptions = {}): UseKlingJobResult {
  const { queryClient, watcher, proxyUrl } = useKlingContext();
  const enabled = !!jobId && options.enabled !== false;
  const query = useQuery<KlingJob, KlingError>(
    {
      queryKey: jobQueryKey(proxyUrl, jobId ?? ""),
      // The watch's rules: the first status from the stream, expiry, the deadline.
      queryFn: ({ signal }) => watcher.watchOf(jobId!).fetchStatus(signal, options.expiresAt),
      enabled,
      retry: false,
      // The watcher decides when to ask again. Focus refreshes a running job only while all is
      // well (after an error the backoff and Retry-After rule); reconnecting also ends a
      // network error's wait.
      staleTime: (q) => (isTerminalStatus(q.state.data?.status) ? Infinity : 1_000),
      refetchOnWindowFocus: (q) =>
        !isTerminalStatus(q.state.data?.status) && !q.state.error && !(jobId && watcher.watchOf(jobId).streams()),
      refetchOnReconnect: (q) =>
        !isTerminalStatus(q.state.data?.status) && (!q.state.error || q.state.error.code === "network_error"),
      // Only what the user sees: a poll that brings the same job (structurally shared) renders nothing.
      notifyOnChangeProps: ["data", "error"],
    },
    queryClient,
  );

  // Read when the watch starts, not a reason to restart it: an inline `Date.now()` would leave
  // and rejoin the watch on every render.
  const submittedAt = useRef(options.submittedAt);
  useIsomorphicLayoutEffect(() => {
    submittedAt.current = options.submittedAt;
  });
  const { remember } = options;
  useEffect(
    () => (enabled ? watcher.observe(jobId!, submittedAt.current, remember) : undefined),
    [watcher, jobId, enabled, remember],
  );

  const { data, error } = query;
  const isOffline = useSyncExternalStore(onlineManager.subscribe.bind(onlineManager), isBrowserOffline, neverOffline);
  const view = useMemo(() => describeJob(data, error), [data, error]);
  return {
    job: data,
    status: view.status,
    error: view.error,
    videoUrl: view.videoUrl,
    isRetrying: isRunning(view.status) && !!view.error,
    isOffline: enabled && isOffline,
    rewatch: useCallback(() => jobId && watcher.watchOf(jobId).rewatch(), [watcher, jobId]),
  };
}
