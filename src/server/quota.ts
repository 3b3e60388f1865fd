// The 429 of a per-user quota (spend, uploads): one shape and one Retry-After rule for both.
import type { ErrorAnswer } from "./responses";

/** How long a user waits, in words for a quota message. */
export function inWords(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return `${Math.max(1, Math.ceil(ms / 1000))} s`;
  return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** A `quota_exceeded` 429, with `Retry-After` in whole seconds (at least 1) only when waiting can help. */
export function quotaExceeded(message: string, retryAfterMs?: number): ErrorAnswer {
  const answer: ErrorAnswer = { status: 429, code: "quota_exceeded", message };
  if (retryAfterMs !== undefined)
    answer.headers = { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return answer;
}
