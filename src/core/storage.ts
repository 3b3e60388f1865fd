import type { KlingEditInput, KlingJob } from "./types";

// sessionStorage: what lets a reload resume a paid edit (used by the edit session and the job watch).

/** What survives a page reload: enough to resume watching a paid job. */
export interface PersistedEdit {
  jobId: string;
  input: KlingEditInput;
  submittedAt: number;
  /** From the submit's answer: after it, a missing job has expired rather than been lost. */
  expiresAt?: string;
  /** Credits as the submit's answer reported them; status answers do not repeat them. */
  creditCost?: number;
  creditsRemaining?: number;
  /** The job's ownership claim (the submit's answer's `claim`), handed to the client on resume. */
  claim?: string;
  /** The edit's ending was already reported (`onCompleted`/`onError`): not again after a reload. */
  settled?: boolean;
}

// Storage can be missing (SSR), disabled (privacy modes) or full: each access is guarded.
function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === "undefined" ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/** What was kept under `key`, if it is still what `valid` expects. */
function read<T>(key: string, valid: (saved: T) => unknown): T | undefined {
  try {
    const saved = JSON.parse(storage()?.getItem(key) ?? "null") as T | null;
    return saved && valid(saved) ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `value` under `key` (or, with `undefined`, forgets it). Not keeping only costs the resume after a reload. */
function write(key: string, value: object | undefined): void {
  try {
    if (value) storage()?.setItem(key, JSON.stringify(value));
    else storage()?.removeItem(key);
  } catch {
    // Full or refused: the edit itself goes on.
  }
}

export const readEdit = (key: string) =>
  read<PersistedEdit>(
    key,
    (saved) => typeof saved.jobId === "string" && typeof saved.submittedAt === "number" && saved.input,
  );

export const writeEdit: (key: string, edit: PersistedEdit | undefined) => void = write;

/** What a tab saw of a job's event stream: its last event, so that a reload resumes after it. */
export interface SeenStream {
  eventId: string;
  job: KlingJob;
}

const streamKey = (proxyUrl: string, jobId: string) => `react-kling-edit:stream:${proxyUrl}:${jobId}`;

export const readStream = (proxyUrl: string, jobId: string) =>
  read<SeenStream>(streamKey(proxyUrl, jobId), (seen) => typeof seen.eventId === "string" && seen.job?.jobId === jobId);

/** Keeps what a stream brought (or, with `undefined`, forgets it). */
export const writeStream = (proxyUrl: string, jobId: string, seen: SeenStream | undefined) =>
  write(streamKey(proxyUrl, jobId), seen);
