import { KlingError } from "./errors";
import type { KlingJob } from "./types";

/** Where a watched job lives and who asks for its status (the React layer keeps it in TanStack Query). */
export interface JobWatchStore {
  /** The last job seen and the last status request's error (cleared by a success). */
  read(): { job?: KlingJob; error?: KlingError };
  /** A job the stream brought (or one restored after a reload). */
  write(job: KlingJob): void;
  /** Asks for the status now, unless a request is under way; its end comes back to `settled`. */
  request(): void;
  /** From the first observer until the last leaves: the store reports each request's end. */
  connect?(settled: (ok: boolean) => void): () => void;
}

/** Whether the browser is online, and when that changes (TanStack's `onlineManager` fits). */
export interface OnlineSource {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

/** `navigator.onLine` and the window's `online` event, where there are any (always online elsewhere). */
export const browserOnline: OnlineSource = {
  isOnline: () => typeof navigator === "undefined" || navigator.onLine !== false,
  subscribe(listener) {
    if (typeof window === "undefined") return () => undefined;
    const online = () => listener(true);
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  },
};

/**
 * A watch's own store (no TanStack Query): the job in a variable, one status request at a time
 * (`fetchStatus`, the watch's rules), the first one as soon as watching starts, aborted when
 * the last observer leaves. `changed` is told after each request.
 */
export function createOwnStore(
  jobId: string,
  initial: KlingJob | undefined,
  fetchStatus: (signal: AbortSignal) => Promise<KlingJob>,
  changed: () => void,
): JobWatchStore {
  let job = initial;
  let error: KlingError | undefined;
  let request: AbortController | undefined;
  let settled: ((ok: boolean) => void) | undefined;
  const store: JobWatchStore = {
    read: () => ({ job, error }),
    write(next) {
      job = next;
      error = undefined;
    },
    request() {
      if (request) return;
      const controller = (request = new AbortController());
      fetchStatus(controller.signal)
        .then(
          (next) => {
            job = next;
            error = undefined;
            return true;
          },
          (cause: unknown) => {
            error = cause instanceof KlingError ? cause : new KlingError("bad_response", { cause, jobId });
            return false;
          },
        )
        .then(
          (ok) => {
            // Left meanwhile (aborted): nobody waits for this answer.
            if (request !== controller) return;
            request = undefined;
            changed();
            settled?.(ok);
          },
          () => undefined,
        );
    },
    connect(report) {
      settled = report;
      // The first status: asked for once watching starts (it waits for the stream's first event).
      if (job === undefined && !error) store.request();
      return () => {
        settled = undefined;
        request?.abort();
        request = undefined;
      };
    },
  };
  return store;
}
