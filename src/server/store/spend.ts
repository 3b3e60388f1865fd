import type { KlingSpendLimit, KlingSpendReservation } from "./types";

/** One reservation in a user's spend window. */
export interface SpendEntry {
  id: string;
  at: number;
  credits: number;
}

/**
 * The spend rule, for stores that evaluate it in one place (the memory store; the Redis store
 * runs the same rule as a Lua script). `entries` are the user's reservations inside the window,
 * oldest first, and `used` their sum.
 */
export function judgeSpend(entries: readonly SpendEntry[], used: number, credits: number, limit: KlingSpendLimit, now: number): KlingSpendReservation | { ok: true } {
  if (used + credits <= limit.credits) return { ok: true };
  if (credits > limit.credits) return { ok: false, used };
  // Enough of the oldest reservations must leave the window for this one to fit.
  let freed = 0;
  for (const entry of entries) {
    freed += entry.credits;
    if (used - freed + credits <= limit.credits) return { ok: false, used, retryAfterMs: Math.max(0, entry.at + limit.windowMs - now) };
  }
  return { ok: false, used };
}
