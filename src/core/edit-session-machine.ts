import type { KlingError } from "./errors";
import type { PersistedEdit } from "./storage";
import type { KlingEditInput, KlingEditStatus } from "./types";

/**
 * What one edit session is doing, one of:
 * - `idle`: no edit (or it was reset);
 * - `invalid`: the last input did not pass validation (nothing was sent);
 * - `submitting`: the one POST of this action is under way;
 * - `refused`: the submit failed (nothing to watch);
 * - `watching`: a job was accepted (and charged): its watch says the rest.
 */
export type EditSessionState =
  | { type: "idle" }
  | { type: "invalid"; input: KlingEditInput; error: KlingError }
  | { type: "submitting"; input: KlingEditInput; run: number }
  | { type: "refused"; input: KlingEditInput; error: KlingError }
  | { type: "watching"; edit: PersistedEdit };

export type EditSessionEvent =
  | { type: "invalid"; input: KlingEditInput; error: KlingError }
  | { type: "submit"; input: KlingEditInput; run: number }
  | { type: "accepted"; run: number; edit: PersistedEdit }
  | { type: "refused"; run: number; error: KlingError }
  | { type: "resume"; edit: PersistedEdit }
  | { type: "reset" };

/** The one transition function of an edit session: pure. */
export function editSessionTransition(state: EditSessionState, event: EditSessionEvent): EditSessionState {
  switch (event.type) {
    case "invalid":
      return { type: "invalid", input: event.input, error: event.error };
    case "submit":
      return { type: "submitting", input: event.input, run: event.run };
    case "accepted":
      // A reset (or a newer submit) meanwhile: the job is reported, not shown.
      return state.type === "submitting" && state.run === event.run ? { type: "watching", edit: event.edit } : state;
    case "refused":
      return state.type === "submitting" && state.run === event.run
        ? { type: "refused", input: state.input, error: event.error }
        : state;
    case "resume":
      // A saved edit is adopted only where no edit is under way or shown.
      return state.type === "idle" || state.type === "invalid" || state.type === "refused"
        ? { type: "watching", edit: event.edit }
        : state;
    case "reset":
      return { type: "idle" };
  }
}

/** What the watch of the session's job says (see `JobWatchSnapshot`). */
export interface EditJobView {
  status: KlingEditStatus;
  error?: KlingError;
}

/** The session's status and error: its own state first, then its job's watch. */
export function editStatus(
  state: EditSessionState,
  job: EditJobView | undefined,
): { status: KlingEditStatus; error?: KlingError } {
  switch (state.type) {
    case "idle":
      return { status: "idle" };
    case "invalid":
      return { status: "idle", error: state.error };
    case "submitting":
      return { status: "submitting" };
    case "refused":
      // The proxy's own validation refused it: nothing ran, as with `invalid`.
      return { status: state.error.code === "invalid_input" ? "idle" : "failed", error: state.error };
    case "watching":
      return { status: job?.status ?? "pending", error: job?.error };
  }
}
