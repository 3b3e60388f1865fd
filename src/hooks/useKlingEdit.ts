import { useCallback, useEffect, useRef, useState } from "react";
import { KlingError } from "../core/errors";
import { validateEditInput } from "../core/validate";
import { isRunning, type KlingEditInput, type KlingEditStatus, type KlingJob, type NormalizedEditInput } from "../core/types";
import { useKlingContext } from "./context";
import { useIsomorphicLayoutEffect } from "./isomorphic";
import { claimKey, readEdit, writeEdit, writeStream, type PersistedEdit } from "./storage";
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

export interface UseKlingEditResult {
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
  status: KlingEditStatus;
  job?: KlingJob;
  jobId?: string;
  /** The input of the current edit (the submitted one, once accepted). */
  input?: KlingEditInput;
  /** The edited video, once completed. */
  videoUrl?: string;
  error?: KlingError;
  /** Submitting or waiting for the job: a new submit is ignored. */
  isBusy: boolean;
  /** A status request failed and another is scheduled. */
  isRetrying: boolean;
  isOffline: boolean;
  submittedAt?: number;
}

interface EditState extends Partial<PersistedEdit> {
  submitting?: boolean;
  error?: KlingError;
}

/** Runs one Kling edit at a time: submit, watch, result; survives reloads. */
export function useKlingEdit(options: UseKlingEditOptions = {}): UseKlingEditResult {
  const { client, queryClient, proxyUrl, limits } = useKlingContext();
  const persist = options.persist ?? true;
  const storageKey = persist === false ? undefined : typeof persist === "string" ? persist : `react-kling-edit:${proxyUrl}`;
  useEffect(() => (storageKey ? claimKey(storageKey) : undefined), [storageKey]);
  const [edit, setEdit] = useState<EditState>({});
  const watched = useKlingJob(edit.jobId, { submittedAt: edit.submittedAt, expiresAt: edit.expiresAt, remember: !!storageKey });

  const status: KlingEditStatus = edit.submitting
    ? "submitting"
    : edit.error
      ? edit.error.code === "invalid_input" ? "idle" : "failed"
      : edit.jobId ? watched.status : "idle";
  const error = edit.error ?? (edit.jobId ? watched.error : undefined);

  // Refs, not state, guard against a second submit: two clicks in one frame see the same state.
  // `inFlight` stays set until the POST answers, even across reset(): a second POST then could
  // charge twice. `waiting` stops a resend after a 429 when the edit is reset or unmounted.
  const inFlight = useRef(false);
  const generation = useRef(0);
  const waiting = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => waiting.current?.abort(), []);
  const latest = useRef({ options, status });
  useIsomorphicLayoutEffect(() => {
    latest.current = { options, status };
  });

  // Resume after a reload. Read in an effect, not during render, so server and client agree.
  useEffect(() => {
    const saved = storageKey ? readEdit(storageKey) : undefined;
    if (!saved) return;
    // Before the watch starts: its first requests may be the ones that need the claim.
    client.rememberClaim(saved.jobId, saved.claim);
    // What the submit reported (credits, expiry) is seeded as an old answer: shown at once, and
    // stale, so the job's status is asked for right away.
    const key = jobQueryKey(proxyUrl, saved.jobId);
    if (!queryClient.getQueryData(key)) {
      const { jobId, expiresAt, creditCost, creditsRemaining } = saved;
      queryClient.setQueryData(key, { jobId, status: "pending", expiresAt, creditCost, creditsRemaining }, { updatedAt: 1 });
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- adopting external storage once
    setEdit((current) => (current.jobId || current.submitting ? current : saved));
  }, [storageKey, proxyUrl, queryClient, client]);

  const submit = useCallback(
    async (input: KlingEditInput) => {
      if (inFlight.current || isRunning(latest.current.status)) return undefined;
      const checked = validateEditInput(input, limits);
      if (!checked.ok) {
        setEdit({ input, error: new KlingError("invalid_input", { fieldErrors: checked.errors }) });
        return undefined;
      }
      inFlight.current = true;
      const run = ++generation.current;
      const controller = (waiting.current = new AbortController());
      setEdit({ input, submitting: true });
      try {
        const job = await client.submitEdit(checked.value, { signal: controller.signal });
        const accepted: PersistedEdit = {
          jobId: job.jobId,
          input: checked.value,
          submittedAt: Date.now(),
          expiresAt: job.expiresAt,
          creditCost: job.creditCost,
          creditsRemaining: job.creditsRemaining,
          claim: job.claim,
        };
        queryClient.setQueryData(jobQueryKey(proxyUrl, job.jobId), job);
        // The user's history now has one more edit.
        void queryClient.invalidateQueries({ queryKey: historyQueryKey(proxyUrl) });
        if (run === generation.current) {
          if (storageKey) writeEdit(storageKey, accepted);
          setEdit(accepted);
        }
        // Reported even after a reset: the job was accepted and charged; the app may keep it.
        latest.current.options.onSubmitted?.(job, checked.value);
        return job;
      } catch (cause) {
        const error = cause instanceof KlingError ? cause : new KlingError("network_error", { cause, maybeCharged: true });
        if (run === generation.current && !controller.signal.aborted) setEdit({ input, error });
        return undefined;
      } finally {
        inFlight.current = false;
      }
    },
    [client, queryClient, proxyUrl, limits, storageKey],
  );

  const reset = useCallback(() => {
    generation.current++;
    waiting.current?.abort();
    // Only this edit's own record: a shared key may hold another editor's job.
    if (storageKey && readEdit(storageKey)?.jobId === edit.jobId) writeEdit(storageKey, undefined);
    if (edit.jobId) writeStream(proxyUrl, edit.jobId, undefined);
    setEdit({});
  }, [storageKey, edit.jobId, proxyUrl]);

  const reported = useRef<{ status: KlingEditStatus; error?: KlingError }>({ status: "idle" });
  const { job, videoUrl } = watched;
  useEffect(() => {
    const callbacks = latest.current.options;
    const ended = status === "completed" || status === "failed" || status === "expired";
    // An ending reported before a reload is not reported again.
    const quiet = ended && edit.settled;
    if (reported.current.status !== status) {
      reported.current.status = status;
      callbacks.onStatusChange?.(status);
      if (status === "completed" && job && videoUrl && !quiet) callbacks.onCompleted?.({ job, videoUrl, input: edit.input });
    }
    if (error && (ended || status === "idle") && error !== reported.current.error) {
      reported.current.error = error;
      if (!quiet) callbacks.onError?.(error);
    }
    if (ended && edit.jobId && !edit.settled && storageKey && readEdit(storageKey)?.jobId === edit.jobId) {
      writeEdit(storageKey, { ...readEdit(storageKey)!, settled: true });
    }
  }, [status, error, job, videoUrl, edit.input, edit.jobId, edit.settled, storageKey]);

  return {
    submit,
    reset,
    rewatch: watched.rewatch,
    status,
    job: edit.jobId ? job : undefined,
    jobId: edit.jobId,
    input: edit.input,
    videoUrl: edit.jobId ? videoUrl : undefined,
    error,
    isBusy: isRunning(status),
    isRetrying: !!edit.jobId && watched.isRetrying,
    isOffline: !!edit.jobId && watched.isOffline,
    submittedAt: edit.submittedAt,
  };
}
