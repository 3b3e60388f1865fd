// The Redis store's per-user quotas (spend, uploads, open streams) and the shared upstream
// budget, each checked and taken in one script, so that concurrent requests on any number of
// instances never pass a limit together. A user's keys share the tag `{u:<user>}` (keys.ts).
import type { KlingSpendReservation, KlingStore, KlingUploadReservation } from "../store/types";
import type { Connection } from "./connection";
import type { RedisKeys } from "./keys";
import {
  ACQUIRE_STREAM_SLOT,
  HOLD_BUDGET,
  RELEASE_UPLOAD,
  RESERVE_CREDITS,
  RESERVE_UPLOAD,
  SETTLE_CREDITS,
  TAKE_BUDGET,
} from "./quota-scripts";
import { text, type Reply } from "./reply";

export type RedisQuotas = Pick<
  KlingStore,
  "reserveCredits" | "settleCredits" | "reserveUpload" | "releaseUpload" | "acquireStreamSlot" | "releaseStreamSlot"
> &
  Required<Pick<KlingStore, "takeBudget" | "holdBudget">>;

/** PEXPIRE and the scripts' scores take whole ms. */
const wholeMs = (ms: number) => Math.max(1, Math.ceil(ms));

/** A refusal's wait as the scripts answer it: ms, or -1 when waiting cannot help. */
const waitOf = (reply: Reply) => {
  const wait = Number(reply);
  return wait >= 0 ? { retryAfterMs: wait } : {};
};

export function redisQuotas({ run, send }: Connection, key: RedisKeys): RedisQuotas {
  return {
    async reserveCredits(user, credits, limit, now): Promise<KlingSpendReservation> {
      const id = crypto.randomUUID();
      const reply = (await run(
        RESERVE_CREDITS,
        [key.spend(user), key.amounts(user)],
        [credits, limit.credits, limit.windowMs, now, id],
      )) as Reply[];
      const used = Number(text(reply[1]));
      return Number(reply[0]) === 1 ? { ok: true, id } : { ok: false, used, ...waitOf(reply[2]) };
    },
    async settleCredits(user, reservationId, credits) {
      await run(SETTLE_CREDITS, [key.spend(user), key.amounts(user)], [reservationId, credits]);
    },
    async reserveUpload(user, bytes, limit, now): Promise<KlingUploadReservation> {
      const id = crypto.randomUUID();
      const reply = (await run(
        RESERVE_UPLOAD,
        [key.uploads(user), key.sizes(user)],
        [bytes, limit.count, limit.bytes, limit.windowMs, now, id],
      )) as Reply[];
      if (Number(reply[0]) === 1) return { ok: true, id };
      return { ok: false, count: Number(reply[1]), bytes: Number(text(reply[2])), ...waitOf(reply[3]) };
    },
    async releaseUpload(user, reservationId) {
      await run(RELEASE_UPLOAD, [key.uploads(user), key.sizes(user)], [reservationId]);
    },
    async acquireStreamSlot(user, streamId, limit, ttlMs, now) {
      return Number(await run(ACQUIRE_STREAM_SLOT, [key.streams(user)], [streamId, limit, wholeMs(ttlMs), now])) === 1;
    },
    async releaseStreamSlot(user, streamId) {
      await send(key.streams(user), ["ZREM", key.streams(user), streamId]);
    },
    async takeBudget(name, budget, now) {
      const wait = Number(
        await run(
          TAKE_BUDGET,
          [key.budget(name), key.hold(name)],
          [budget.requests, budget.windowMs, now, crypto.randomUUID()],
        ),
      );
      return wait < 0 ? { ok: true } : { ok: false, retryAfterMs: wait };
    },
    async holdBudget(name, until, now) {
      await run(HOLD_BUDGET, [key.hold(name)], [Math.ceil(until), now]);
    },
  };
}
