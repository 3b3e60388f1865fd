import { createJobClient, type KlingClientOptions, type KlingJobClient } from "./client";
import {
  editSessionTransition,
  editStatus,
  type EditSessionEvent,
  type EditSessionState,
} from "./edit-session-machine";
import { KlingError } from "./errors";
import { createJobWatch, type JobWatch, type JobWatchSnapshot } from "./job-watch";
import type { KlingLimits } from "./limits";
import type { PollingOptions } from "./schedule";
import { readEdit, readStream, writeEdit, writeStream, type PersistedEdit } from "./storage";
import { isRunning, type KlingEditInput, type KlingEditStatus, type KlingJob, type NormalizedEditInput } from "./types";
import { validateEditInput } from "./validate";

export type { EditSessionState } from "./edit-session-machine";

export interface EditSessionOptions extends KlingClientOptions {
  /**
   * Keep the active job in sessionStorage so that a reload resumes watching it instead of
   * losing a paid result. `false` opts out; a string sets the storage key. Default: on, keyed
   * by the proxy URL.
   */
  persist?: boolean | string;
  /** When to ask for the job's status (and the watch's deadline). */
  polling?: PollingOptions;
  /** The job was accepted (and charged): called before any waiting, with the job id to keep. */
  onSubmitted?: (job: KlingJob, input: NormalizedEditInput) => void;
}

export interface EditSessionSnapshot {
  /** What the session is doing (see `EditSessionState`). */
  state: EditSessionState["type"];
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
  submittedAt?: number;
}

export interface EditSession {
  /** Validates and sends the edit: one POST per call, none while one is under way (then, and on any error, `undefined`). */
  submit(input: KlingEditInput): Promise<KlingJob | undefined>;
  /** Forgets the current edit and stops watching it (PixelDojo has no cancel: the job still runs). */
  reset(): void;
  /** After the watch ended on its deadline, watches the same job again with a fresh deadline. */
  rewatch(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): EditSessionSnapshot;
}

/** What the session core needs, read at call time (the React layer swaps them as props change). */
export interface EditSessionDeps {
  client: KlingJobClient;
  limits?: Partial<KlingLimits>;
  /** The sessionStorage key, or undefined not to keep the edit. */
  storageKey?: string;
  onSubmitted?: (job: KlingJob, input: NormalizedEditInput) => void;
  /** Whether a new submit must wait (the React layer adds its job view). Default: the session's own status. */
  isBusy?: () => boolean;
  /** A job was accepted or resumed (the React layer seeds its cache). */
  onJob?: (job: KlingJob, edit: PersistedEdit, resumed: boolean) => void;
}

/** The session's state machine and its effects: submit, persist, resume, reset. No job watch. */
export interface EditSessionCore extends Pick<EditSession, "submit" | "reset" | "subscribe"> {
  getState(): EditSessionState;
  /** Adopts the edit kept before a reload, if any (call once, on the client). */
  resume(): void;
  /** Stops a resend after a 429 that still waits (an unmounted editor). */
  dispose(): void;
}

export const storageKeyOf = (persist: boolean | string | undefined, proxyUrl: string): string | undefined =>
  persist === false ? undefined : typeof persist === "string" ? persist : `react-kling-edit:${proxyUrl}`;

export function createEditSessionCore(deps: EditSessionDeps): EditSessionCore {
  let state: EditSessionState = { type: "idle" };
  const listeners = new Set<() => void>();
  // `inFlight` stays set until the POST answers, even across reset(): a second POST then could
  // charge twice. `waiting` stops a resend after a 429 when the edit is reset.
  let inFlight = false;
  let run = 0;
  let waiting: AbortController | undefined;

  const send = (event: EditSessionEvent) => {
    const next = editSessionTransition(state, event);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  };
  const busy = () => deps.isBusy?.() ?? isRunning(editStatus(state, undefined).status);

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    resume() {
      const saved = deps.storageKey ? readEdit(deps.storageKey) : undefined;
      if (!saved) return;
      // Before the watch starts: its first requests may be the ones that need the claim.
      deps.client.rememberClaim(saved.jobId, saved.claim);
      const { jobId, expiresAt, creditCost, creditsRemaining } = saved;
      deps.onJob?.({ jobId, status: "pending", expiresAt, creditCost, creditsRemaining }, saved, true);
      send({ type: "resume", edit: saved });
    },
    async submit(input) {
      if (inFlight || busy()) return undefined;
      const checked = validateEditInput(input, deps.limits);
      if (!checked.ok) {
        send({ type: "invalid", input, error: new KlingError("invalid_input", { fieldErrors: checked.errors }) });
        return undefined;
      }
      inFlight = true;
      const current = ++run;
      const controller = (waiting = new AbortController());
      send({ type: "submit", input, run: current });
      try {
        const job = await deps.client.submitEdit(checked.value, { signal: controller.signal });
        const edit: PersistedEdit = {
          jobId: job.jobId,
          input: checked.value,
          submittedAt: Date.now(),
          expiresAt: job.expiresAt,
          creditCost: job.creditCost,
          creditsRemaining: job.creditsRemaining,
          claim: job.claim,
        };
        deps.onJob?.(job, edit, false);
        if (current === run && deps.storageKey) writeEdit(deps.storageKey, edit);
        send({ type: "accepted", run: current, edit });
        // Reported even after a reset: the job was accepted and charged; the app may keep it.
        deps.onSubmitted?.(job, checked.value);
        return job;
      } catch (cause) {
        const error =
          cause instanceof KlingError ? cause : new KlingError("network_error", { cause, maybeCharged: true });
        if (!controller.signal.aborted) send({ type: "refused", run: current, error });
        return undefined;
      } finally {
        inFlight = false;
      }
    },
    reset() {
      run++;
      waiting?.abort();
      const jobId = state.type === "watching" ? state.edit.jobId : undefined;
      // Only this edit's own record: a shared key may hold another editor's job.
      if (deps.storageKey && readEdit(deps.storageKey)?.jobId === jobId) writeEdit(deps.storageKey, undefined);
      if (jobId) writeStream(deps.client.proxyUrl, jobId, undefined);
      send({ type: "reset" });
    },
    dispose: () => waiting?.abort(),
  };
}

/**
 * One Kling edit at a time, without React: submit (one POST per call), watch the job (stream or
 * polling, with a deadline), the result; with `persist`, a reload resumes the paid job. The
 * snapshot names what `useKlingEdit` returns.
 */
export function createEditSession(options: EditSessionOptions): EditSession {
  const client = createJobClient(options);
  const storageKey = storageKeyOf(options.persist, client.proxyUrl);
  let watch: { jobId: string; watch: JobWatch; leave: () => void; unsubscribe: () => void } | undefined;
  const listeners = new Set<() => void>();
  let snapshot: EditSessionSnapshot | undefined;
  const notify = () => {
    snapshot = undefined;
    for (const listener of listeners) listener();
  };

  let accepted: KlingJob | undefined;
  const core = createEditSessionCore({
    client,
    limits: options.limits,
    storageKey,
    onSubmitted: (job, input) => options.onSubmitted?.(job, input),
    isBusy: () => getSnapshot().isBusy,
    onJob: (job, _edit, resumed) => void (accepted = resumed ? undefined : job),
  });

  // The session's job is watched while it is the session's: a reset or a new job leaves it.
  const follow = () => {
    const state = core.getState();
    const edit = state.type === "watching" ? state.edit : undefined;
    if (watch && watch.jobId !== edit?.jobId) {
      watch.unsubscribe();
      watch.leave();
      watch = undefined;
    }
    if (edit && !watch) {
      const { jobId } = edit;
      const job = createJobWatch({
        client,
        jobId,
        polling: options.polling,
        startedAt: edit.submittedAt,
        expiresAt: edit.expiresAt,
        job: accepted?.jobId === jobId ? accepted : undefined,
        seen: {
          read: () => readStream(client.proxyUrl, jobId),
          write: (seen) => writeStream(client.proxyUrl, jobId, seen),
        },
      });
      watch = { jobId, watch: job, unsubscribe: job.subscribe(settle), leave: job.observe({ remember: !!storageKey }) };
    }
    notify();
  };
  // An ended edit is marked, so that a reload does not report its ending as news.
  const settle = () => {
    const state = core.getState();
    const ended = ["completed", "failed", "expired"].includes(watch?.watch.getSnapshot().status ?? "");
    if (ended && state.type === "watching" && storageKey && readEdit(storageKey)?.jobId === state.edit.jobId) {
      writeEdit(storageKey, { ...readEdit(storageKey)!, settled: true });
    }
    notify();
  };
  function getSnapshot(): EditSessionSnapshot {
    if (snapshot) return snapshot;
    const state = core.getState();
    const view: JobWatchSnapshot | undefined = watch?.watch.getSnapshot();
    const { status, error } = editStatus(state, view);
    const edit = state.type === "watching" ? state.edit : undefined;
    return (snapshot = {
      state: state.type,
      status,
      error,
      job: view?.job,
      jobId: edit?.jobId,
      input: state.type === "watching" ? state.edit.input : state.type === "idle" ? undefined : state.input,
      videoUrl: view?.videoUrl,
      isBusy: isRunning(status),
      isRetrying: !!view?.isRetrying,
      submittedAt: edit?.submittedAt,
    });
  }
  core.subscribe(follow);
  core.resume();

  return {
    submit: (input) => core.submit(input),
    reset: () => core.reset(),
    rewatch: () => watch?.watch.rewatch(),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot,
  };
}
