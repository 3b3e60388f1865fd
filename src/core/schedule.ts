import type { KlingError } from "./errors";

/** When to ask for a job's status. All durations in milliseconds. */
export interface PollingOptions {
  /** Wait before the first status request after a submit. Default 2 s. */
  initialDelayMs?: number;
  /**
   * Steady interval while the job runs, and so the longest delay between completion and
   * noticing it. Default 5 s: a 2-minute job costs 25 status requests, not the ~240 of fixed
   * 500 ms polling.
   */
  intervalMs?: number;
  /** Ceiling of the backoff after transient failures. Default 30 s. */
  maxBackoffMs?: number;
  /** No watch lasts longer than this, whatever the job says. Default 20 minutes. */
  maxWaitMs?: number;
}

export const DEFAULT_POLLING: Required<PollingOptions> = {
  initialDelayMs: 2_000,
  intervalMs: 5_000,
  maxBackoffMs: 30_000,
  maxWaitMs: 20 * 60_000,
};

/** No schedule asks more often than this, whatever the options say. */
export const MIN_POLL_DELAY_MS = 250;

export interface PollState {
  /** Time since the job was submitted (or since watching began). */
  elapsedMs: number;
  /** Failed status requests in a row; 0 after a success. */
  failures: number;
  /** The last failure, if the last request failed. */
  lastError?: KlingError;
  /** Time left before the deadline (`expiresAt` or `maxWaitMs`, whichever is first). */
  remainingMs: number;
}

/**
 * Delay before the next status request, or `null` to stop watching. Pure: the same state gives
 * the same answer (jitter comes from `random`).
 *
 * - success: `initialDelayMs` early on, then `intervalMs`;
 * - transient failure (network, 5xx, 429, unreadable answer): exponential backoff with jitter,
 *   never shorter than `Retry-After`;
 * - permanent failure (401, 402, 403, 404, invalid input): stop;
 * - the deadline: the last request lands on it, then stop.
 */
export function nextPollDelay(
  state: PollState,
  options: PollingOptions = {},
  random: () => number = Math.random,
): number | null {
  const { initialDelayMs, intervalMs, maxBackoffMs } = { ...DEFAULT_POLLING, ...options };
  if (state.remainingMs <= 0) return null;
  let delay: number;
  if (state.failures > 0 && state.lastError) {
    if (!state.lastError.isTransient) return null;
    const backoff = Math.min(maxBackoffMs, intervalMs * 2 ** (state.failures - 1));
    // "Equal jitter": half fixed, half random, so many clients that failed together spread out.
    delay = Math.max(backoff / 2 + random() * (backoff / 2), state.lastError.retryAfterMs ?? 0);
  } else {
    delay = state.elapsedMs < initialDelayMs ? initialDelayMs - state.elapsedMs : intervalMs;
  }
  return Math.min(Math.max(delay, MIN_POLL_DELAY_MS), state.remainingMs);
}
