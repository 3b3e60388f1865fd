import type { KlingSpendLimit, KlingSpendReservation, KlingUploadLimit, KlingUploadReservation } from "./types";

/** One reservation in a user's sliding window: credits for spend, bytes for uploads. */
export interface WindowEntry {
  id: string;
  at: number;
  amount: number;
}

// The window rules, for stores that evaluate them in one place (the memory store; the Redis
// store runs the same rules as Lua scripts). `entries` are the user's reservations inside the
// window, oldest first, and `used` the sum of their amounts.

/** The spend rule: `credits` fit when the window's credits plus them stay within the limit. */
export function judgeSpend(
  entries: readonly WindowEntry[],
  used: number,
  credits: number,
  limit: KlingSpendLimit,
  now: number,
): KlingSpendReservation | { ok: true } {
  if (used + credits <= limit.credits) return { ok: true };
  if (credits > limit.credits) return { ok: false, used };
  // Enough of the oldest reservations must leave the window for this one to fit.
  let freed = 0;
  for (const entry of entries) {
    freed += entry.amount;
    if (used - freed + credits <= limit.credits)
      return { ok: false, used, retryAfterMs: Math.max(0, entry.at + limit.windowMs - now) };
  }
  return { ok: false, used };
}

/** The upload rule: one more file of `bytes` fits when both the window's files and its bytes stay within the limit. */
export function judgeUpload(
  entries: readonly WindowEntry[],
  used: number,
  bytes: number,
  limit: KlingUploadLimit,
  now: number,
): KlingUploadReservation | { ok: true } {
  const fits = (count: number, total: number) => count + 1 <= limit.count && total + bytes <= limit.bytes;
  if (fits(entries.length, used)) return { ok: true };
  const refused = { ok: false as const, count: entries.length, bytes: used };
  if (bytes > limit.bytes || limit.count < 1) return refused;
  let freed = 0;
  for (const [index, entry] of entries.entries()) {
    freed += entry.amount;
    if (fits(entries.length - index - 1, used - freed))
      return { ...refused, retryAfterMs: Math.max(0, entry.at + limit.windowMs - now) };
  }
  return refused;
}
