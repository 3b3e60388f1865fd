import type { KlingError } from "./errors";
import { runJobWatch, type JobWatchCore, type JobWatchOptions } from "./job-watch-core";
import type { JobWatchState } from "./job-watch-machine";
import { browserOnline, createOwnStore, type JobWatchStore } from "./job-watch-store";
import { describeJob } from "./status";
import { isRunning, type KlingEditStatus, type KlingJob } from "./types";

export type { JobWatchState } from "./job-watch-machine";
export type { JobWatchStore, OnlineSource } from "./job-watch-store";
export { createStoredJobWatch, withSubmitCredits, type JobWatchCore, type JobWatchOptions } from "./job-watch-core";

export interface JobWatchSnapshot {
  /** What the watch is doing (see `JobWatchState`). */
  state: JobWatchState["type"];
  job?: KlingJob;
  status: KlingEditStatus;
  /** The failure to show, or a transient one being retried (see `isRetrying`). */
  error?: KlingError;
  videoUrl?: string;
  /** The last status request failed and another is scheduled. */
  isRetrying: boolean;
}

export interface JobWatch extends JobWatchCore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): JobWatchSnapshot;
}

/**
 * One job's watch: it follows the job's event stream where the proxy offers one (one request
 * for the whole job) and polls on the schedule otherwise (no route, a refused or buffered
 * stream, one that keeps dropping), until the job ends or its deadline passes. An explicit
 * state machine (`jobWatchTransition`, run by `runJobWatch`), with its own store and snapshot.
 */
export function createJobWatch(options: JobWatchOptions): JobWatch {
  const listeners = new Set<() => void>();
  let snapshot: JobWatchSnapshot | undefined;
  let store: JobWatchStore;
  const notify = () => {
    snapshot = undefined;
    for (const listener of listeners) listener();
  };
  const core = runJobWatch(
    { ...options, online: options.online ?? browserOnline },
    (fetchStatus) => (store = options.store ?? createOwnStore(options.jobId, options.job, fetchStatus, notify)),
    notify,
  );
  const { state, ...watch } = core;
  return {
    ...watch,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot() {
      if (snapshot) return snapshot;
      const { job, error } = store.read();
      const view = describeJob(job, error);
      return (snapshot = {
        state: state(),
        job,
        status: view.status,
        error: view.error,
        videoUrl: view.videoUrl,
        isRetrying: isRunning(view.status) && !!view.error,
      });
    },
  };
}
