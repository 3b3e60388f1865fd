import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { listJobs } from "../core/client";
import type { KlingHistoryItem, KlingHistoryPage } from "../core/contract";
import { KlingError } from "../core/errors";
import { useKlingContext } from "./context";

export const historyQueryKey = (proxyUrl: string) => ["react-kling-edit", proxyUrl, "history"] as const;

export interface UseKlingHistoryOptions {
  /** Jobs per page (1–100). Default: the server's (20). */
  pageSize?: number;
  /** Set to false to not ask yet. Default true. */
  enabled?: boolean;
}

export interface UseKlingHistoryResult {
  /** The signed-in user's past edits, newest first, as far as loaded. */
  jobs: KlingHistoryItem[];
  /** `loading` until the first page arrives. */
  status: "loading" | "ready" | "error";
  /** Why the last page could not be read (the first page, or `loadMore`'s). */
  error?: KlingError;
  /** Older edits exist beyond what is loaded. */
  hasMore: boolean;
  isLoadingMore: boolean;
  /** Loads the next (older) page; does nothing while one loads or when there is none. */
  loadMore: () => void;
  /** Reads the history again from the newest edit. */
  refresh: () => void;
}

/**
 * The signed-in user's past edits (`GET {proxyUrl}/jobs`), newest first, a page at a time.
 * A submit through `useKlingEdit` refreshes it. Statuses are what the server last saw; watch a
 * running one with `useKlingJob(job.jobId)` for its live status.
 */
export function useKlingHistory(options: UseKlingHistoryOptions = {}): UseKlingHistoryResult {
  const { queryClient, proxyUrl, fetch, headers } = useKlingContext();
  const { pageSize } = options;
  const query = useInfiniteQuery<KlingHistoryPage, KlingError>(
    {
      queryKey: [...historyQueryKey(proxyUrl), pageSize ?? null],
      queryFn: async ({ pageParam, signal }) => {
        try {
          return await listJobs(
            { proxyUrl, fetch, headers },
            { cursor: pageParam as string | undefined, limit: pageSize },
            { signal },
          );
        } catch (cause) {
          throw cause instanceof KlingError ? cause : new KlingError("bad_response", { cause });
        }
      },
      initialPageParam: undefined,
      getNextPageParam: (last) => last.nextCursor,
      enabled: options.enabled !== false,
      retry: false,
      // History changes when this user submits (useKlingEdit refreshes it), not by itself.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
    queryClient,
  );
  const { data, error, hasNextPage, isFetchingNextPage, fetchNextPage, refetch } = query;
  const jobs = useMemo(() => data?.pages.flatMap((page) => page.jobs) ?? [], [data]);
  return {
    jobs,
    status: data ? "ready" : error ? "error" : "loading",
    error: error ?? undefined,
    hasMore: hasNextPage,
    isLoadingMore: isFetchingNextPage,
    loadMore: () => void (hasNextPage && !isFetchingNextPage && fetchNextPage()),
    refresh: () => void refetch(),
  };
}
