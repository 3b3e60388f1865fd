import type { KlingEditInput } from "../core/types";

/** What survives a page reload: enough to resume watching a paid job. */
export interface PersistedEdit {
  jobId: string;
  input: KlingEditInput;
  submittedAt: number;
}

// Storage can be missing (SSR), disabled (privacy modes) or full: each access is guarded.
function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === "undefined" ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

export function readEdit(key: string): PersistedEdit | undefined {
  try {
    const saved = JSON.parse(storage()?.getItem(key) ?? "null") as PersistedEdit | null;
    return saved && typeof saved.jobId === "string" && typeof saved.submittedAt === "number" && saved.input
      ? saved
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeEdit(key: string, edit: PersistedEdit | undefined): void {
  try {
    if (edit) storage()?.setItem(key, JSON.stringify(edit));
    else storage()?.removeItem(key);
  } catch {
    // Not persisting only costs the resume-after-reload; the edit itself goes on.
  }
}
