// The one deadline rule of every job watch (the browser's and the server's): a watch gives up
// at the job's `expiresAt` or `maxWaitMs` after it started, whichever comes first.
import { DEFAULT_POLLING } from "./schedule";

export interface DeadlineInput {
  /** When the watch's clock started (the submit, or a later re-watch), in ms since the epoch. */
  startedAt: number;
  /** The longest wait after `startedAt`; `undefined` or NaN is the default (20 minutes). */
  maxWaitMs?: number;
  /** The job's own expiry (ISO 8601), when it told one. */
  expiresAt?: string | null;
}

/** Why a watch whose deadline passed ended: the job expired, or the wait ran out first. */
export type DeadlineReason = "expired" | "timeout";

/** `expiresAt` as a time, or undefined when missing or not a readable date. */
export function expiryOf(expiresAt: string | null | undefined): number | undefined {
  const at = typeof expiresAt === "string" ? Date.parse(expiresAt) : NaN;
  return Number.isNaN(at) ? undefined : at;
}

/**
 * The time the watch gives up. Never NaN, so every comparison with it means what it says:
 * - an `expiresAt` missing or unreadable does not count (the max wait alone bounds the watch:
 *   an upstream's odd date must not end, nor prolong, a watch);
 * - a `maxWaitMs` that is `undefined` or NaN (a spread `{ maxWaitMs: undefined }`) is the default;
 * - a `startedAt` that is NaN bounds nothing: the expiry alone, or 0 (long passed) without one,
 *   so a watch of unknown age ends rather than runs for ever.
 */
export function watchDeadline({ startedAt, maxWaitMs, expiresAt }: DeadlineInput): number {
  const wait = maxWaitMs === undefined || Number.isNaN(maxWaitMs) ? DEFAULT_POLLING.maxWaitMs : maxWaitMs;
  const waitEnds = startedAt + wait;
  const expires = expiryOf(expiresAt);
  if (Number.isNaN(waitEnds)) return expires ?? 0;
  return expires !== undefined && expires < waitEnds ? expires : waitEnds;
}

/** Undefined while the watch may go on at `now`; else why it ends (expired once `expiresAt` is reached). */
export function deadlinePassed(now: number, input: DeadlineInput): DeadlineReason | undefined {
  if (now < watchDeadline(input)) return undefined;
  const expires = expiryOf(input.expiresAt);
  return expires !== undefined && now >= expires ? "expired" : "timeout";
}
