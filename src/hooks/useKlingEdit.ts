import type { QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import {
  createEditSessionCore,
  storageKeyOf,
  type EditSessionDeps,
  type EditSessionSnapshot,
} from "../core/edit-session";
import { editStatus } from "../core/edit-session-machine";
import type { KlingError } from "../core/errors";
import {
  isRunning,
  type KlingEditInput,
  type KlingEditStatus,
  type KlingJob,
  type NormalizedEditInput,
} from "../core/types";
import { useKlingContext } from "./context";
import { useIsomorphicLayoutEffect } from "./isomorphic";
import { claimKey, readEdit, writeEdit } from "./storage";
import { useKlingJob } from "./useKlingJob";
import { historyQueryKey } from "./useKlingHistory";
import { jobQueryKey } from "./watch";

export interface KlingCompletedResult {
  job: KlingJob;
  videoUrl: string;
  input?: KlingEditInput;
}

export interface UseKlingEditOptions {
  /**
   * Keep the active job id in sessionStorage so that a reload resumes watching it instead of
   * losing a paid result. `false` opts out; a string sets the storage key. Default: on, keyed
   * by the proxy URL. A page with several editors gives each its own key (in development
   * builds, two mounted editors on one key get a console warning).
   */
  persist?: boolean | string;
  /** The job was accepted (and charged): called before any waiting, with the job id to keep. */
  onSubmitted?: (job: KlingJob, input: NormalizedEditInput) => void;
  onStatusChange?: (status: KlingEditStatus) => void;
  onCompleted?: (result: KlingCompletedResult) => void;
  /** The edit ended in an error, or the submit was refused. */
  onError?: (error: KlingError) => void;
}

export interface UseKlingEditResult extends Omit<EditSessionSnapshot, "state"> {
  /**
   * Validates and sends the edit: one POST per call, none while an edit is under way (it
   * resolves to `undefined` then, and on any error, which goes to `error` and `onError`).
   */
  submit: (input: KlingEditInput) => Promise<KlingJob | undefined>;
  /**
   * Forgets the current edit and stops watching it. PixelDojo has no cancel call: a job
   * already submitted still runs and is still charged.
   */
  reset: () => void;
  /**
   * After the watch ended on its deadline (`expired`, code `timeout`), watches the same job
   * again with a fresh deadline. No new submit, no credits.
   */
  rewatch: () => void;
  /** The browser is offline; watching resumes when it is back. */
  isOffline: boolean;
}

/** The session's dependencies, refreshed after each render: the session reads them when it acts, never during render. */
type SessionDeps = EditSessionDeps & {
  queryClient: QueryClient;
  proxyUrl: string;
  status: KlingEditStatus;
  options: UseKlingEditOptions;
};

function sessionDeps(): SessionDeps {
  const deps: SessionDeps = {
    onSubmitted: (job, input) => deps.options.onSubmitted?.(job, input),
    // Refs, not state, decide: two clicks in one frame see the same state.
    isBusy: () => isRunning(deps.status),
    onJob(job, edit, resumed) {
      const { queryClient, proxyUrl } = deps;
      const key = jobQueryKey(proxyUrl, edit.jobId);
      if (!resumed) {
        queryClient.setQueryData(key, job);
        // The user's history now has one more edit.
        void queryClient.invalidateQueries({ queryKey: historyQueryKey(proxyUrl) });
      } else if (!queryClient.getQueryData(key)) {
        // What the submit reported (credits, expiry), seeded as an old answer: shown at once,
        // and stale, so the job's status is asked for right away.
        queryClient.setQueryData(key, job, { updatedAt: 1 });
      }
    },
    // The rest (client, cache, callbacks) is assigned after the first render, before any effect acts.
  } as SessionDeps;
  return deps;
}

/** Runs one Kling edit at a time: submit, watch, result; survives reloads. A thin layer over core's edit session. */
export function useKlingEdit(options: UseKlingEditOptions = {}): UseKlingEditResult {
  const { client, queryClient, proxyUrl, limits } = useKlingContext();
  const storageKey = storageKeyOf(options.persist ?? true, proxyUrl);
  useEffect(() => (storageKey ? claimKey(storageKey) : undefined), [storageKey]);
  // The session reads the provider's client and cache, and the latest callbacks, at call time.
  const [deps] = useState(sessionDeps);
  const [session] = useState(() => createEditSessionCore(deps));
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  const edit = state.type === "watching" ? state.edit : undefined;
  const watched = useKlingJob(edit?.jobId, {
    submittedAt: edit?.submittedAt,
    expiresAt: edit?.expiresAt,
    remember: !!storageKey,
  });
  const { status, error } = editStatus(state, edit ? watched : undefined);
  useIsomorphicLayoutEffect(
    () => void Object.assign(deps, { client, queryClient, proxyUrl, limits, storageKey, options, status }),
  );
  // A resend after a 429 that still waits stops with the editor.
  useEffect(() => () => session.dispose(), [session]);
  // Resume after a reload. Read in an effect, not during render, so server and client agree.
  useEffect(() => session.resume(), [session, storageKey, proxyUrl, queryClient, client]);

  const submit = useCallback((input: KlingEditInput) => session.submit(input), [session]);
  const reset = useCallback(() => session.reset(), [session]);

  const reported = useRef<{ status: KlingEditStatus; error?: KlingError }>({ status: "idle" });
  const { job, videoUrl } = watched;
  useEffect(() => {
    const callbacks = deps.options;
    const ended = status === "completed" || status === "failed" || status === "expired";
    // An ending reported before a reload is not reported again.
    const quiet = ended && edit?.settled;
    if (reported.current.status !== status) {
      reported.current.status = status;
      callbacks.onStatusChange?.(status);
      if (status === "completed" && job && videoUrl && !quiet)
        callbacks.onCompleted?.({ job, videoUrl, input: edit?.input });
    }
    if (error && (ended || status === "idle") && error !== reported.current.error) {
      reported.current.error = error;
      if (!quiet) callbacks.onError?.(error);
    }
    if (ended && edit && !edit.settled && storageKey && readEdit(storageKey)?.jobId === edit.jobId) {
      writeEdit(storageKey, { ...readEdit(storageKey)!, settled: true });
    }
    // deps.options: the latest callbacks, read when the status changes, not a reason to run again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, error, job, videoUrl, edit, storageKey]);

  return {
    submit,
    reset,
    rewatch: watched.rewatch,
    status,
    job: edit ? job : undefined,
    jobId: edit?.jobId,
    input: state.type === "idle" ? undefined : state.type === "watching" ? state.edit.input : state.input,
    videoUrl: edit ? videoUrl : undefined,
    error,
    isBusy: isRunning(status),
    isRetrying: !!edit && watched.isRetrying,
    isOffline: !!edit && watched.isOffline,
    submittedAt: edit?.submittedAt,
  };
}
