// The per-user quotas of every KlingStore (spend, uploads, open streams): part of the store
// contract (store-contract.ts), which runs it on each store.
import { describe, expect, test } from "vitest";
import type { StoreFixture } from "./store-contract";

const HOUR = 3_600_000;

export function quotaContract(name: string, fixture: StoreFixture) {
  describe(`${name}: spend limits`, () => {
    const limit = { credits: 100, windowMs: HOUR };

    test("reserves up to the limit, then says how long until enough frees up", async () => {
      const [store] = await fixture.open();
      const user = `spender-${Math.random()}`;
      expect(await store.reserveCredits(user, 40, limit, 1_000)).toMatchObject({ ok: true });
      expect(await store.reserveCredits(user, 40, limit, 2_000)).toMatchObject({ ok: true });
      expect(await store.reserveCredits(user, 40, limit, 3_000)).toEqual({
        ok: false,
        used: 80,
        retryAfterMs: HOUR - 2_000,
      });
      // The window slides: an hour after the first reservation, it no longer counts.
      expect(await store.reserveCredits(user, 40, limit, 1_000 + HOUR)).toMatchObject({ ok: true });
    });

    test("a cost larger than the whole limit never fits, and says so without a wait", async () => {
      const [store] = await fixture.open();
      expect(await store.reserveCredits(`big-${Math.random()}`, 101, limit, 1_000)).toEqual({ ok: false, used: 0 });
    });

    test("settling replaces the estimate by the cost; settling at 0 gives it back", async () => {
      const [store] = await fixture.open();
      const user = `settler-${Math.random()}`;
      const first = await store.reserveCredits(user, 40, limit, 1_000);
      const second = await store.reserveCredits(user, 40, limit, 1_001);
      if (!first.ok || !second.ok) throw new Error("reservations refused");
      await store.settleCredits(user, first.id, 10, limit);
      await store.settleCredits(user, second.id, 0, limit);
      await store.settleCredits(user, "unknown-id", 0, limit);
      expect(await store.reserveCredits(user, 90, limit, 1_002)).toMatchObject({ ok: true });
      expect(await store.reserveCredits(user, 1, limit, 1_003)).toMatchObject({ ok: false, used: 100 });
    });

    test("settling at a negative amount gives the reservation back, and never more", async () => {
      const [store] = await fixture.open();
      const user = `negative-${Math.random()}`;
      const reserved = await store.reserveCredits(user, 40, limit, 1_000);
      if (!reserved.ok) throw new Error("reservation refused");
      await store.settleCredits(user, reserved.id, -50, limit);
      expect(await store.reserveCredits(user, 100, limit, 1_001)).toMatchObject({ ok: true });
      expect(await store.reserveCredits(user, 1, limit, 1_002)).toMatchObject({ ok: false, used: 100 });
    });

    test("20 concurrent reservations from two instances: exactly as many pass as fit", async () => {
      const [a, b] = await fixture.open();
      const user = `racer-${Math.random()}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).reserveCredits(user, 40, { credits: 120, windowMs: HOUR }, 5_000 + i),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(3);
    });

    test("a window that is not a whole number of ms (an hour / 7) works as any other", async () => {
      const [store] = await fixture.open();
      const user = `fraction-${Math.random()}`;
      const seventh = { credits: 40, windowMs: HOUR / 7 };
      expect(await store.reserveCredits(user, 40, seventh, 1_000)).toMatchObject({ ok: true });
      expect(await store.reserveCredits(user, 40, seventh, 2_000)).toMatchObject({ ok: false, used: 40 });
    });

    test("users do not share a window", async () => {
      const [store] = await fixture.open();
      const tag = Math.random();
      expect(await store.reserveCredits(`u1-${tag}`, 100, limit, 1_000)).toMatchObject({ ok: true });
      expect(await store.reserveCredits(`u2-${tag}`, 100, limit, 1_000)).toMatchObject({ ok: true });
    });
  });

  describe(`${name}: upload limits`, () => {
    const MB = 1024 * 1024;
    const limit = { count: 3, bytes: 100 * MB, windowMs: HOUR };

    test("reserves up to the count, then says how long until the oldest upload leaves the window", async () => {
      const [a, b] = await fixture.open();
      const user = `uploader-${Math.random()}`;
      expect(await a.reserveUpload(user, MB, limit, 1_000)).toMatchObject({ ok: true });
      expect(await b.reserveUpload(user, MB, limit, 2_000)).toMatchObject({ ok: true });
      expect(await a.reserveUpload(user, MB, limit, 3_000)).toMatchObject({ ok: true });
      expect(await b.reserveUpload(user, MB, limit, 4_000)).toEqual({
        ok: false,
        count: 3,
        bytes: 3 * MB,
        retryAfterMs: HOUR - 3_000,
      });
      expect(await a.reserveUpload(user, MB, limit, 1_000 + HOUR)).toMatchObject({ ok: true });
    });

    test("bytes count too: the wait is until enough bytes have left, however many files that takes", async () => {
      const [store] = await fixture.open();
      const user = `bytes-${Math.random()}`;
      const roomy = { count: 10, bytes: 100 * MB, windowMs: HOUR };
      expect(await store.reserveUpload(user, 30 * MB, roomy, 1_000)).toMatchObject({ ok: true });
      expect(await store.reserveUpload(user, 30 * MB, roomy, 2_000)).toMatchObject({ ok: true });
      expect(await store.reserveUpload(user, 30 * MB, roomy, 3_000)).toMatchObject({ ok: true });
      // 90 MB used: 50 more fit once two of the three have left.
      expect(await store.reserveUpload(user, 50 * MB, roomy, 4_000)).toEqual({
        ok: false,
        count: 3,
        bytes: 90 * MB,
        retryAfterMs: HOUR - 2_000,
      });
      expect(await store.reserveUpload(user, 10 * MB, roomy, 4_000)).toMatchObject({ ok: true });
    });

    test("a file larger than the whole limit never fits, and says so without a wait", async () => {
      const [store] = await fixture.open();
      expect(await store.reserveUpload(`huge-${Math.random()}`, 101 * MB, limit, 1_000)).toEqual({
        ok: false,
        count: 0,
        bytes: 0,
      });
    });

    test("a released reservation counts no more; unknown ids are ignored", async () => {
      const [a, b] = await fixture.open();
      const user = `releaser-${Math.random()}`;
      const reserved = [];
      for (let i = 0; i < 3; i++) reserved.push(await a.reserveUpload(user, 10 * MB, limit, 1_000 + i));
      const first = reserved[0]!;
      if (!first.ok) throw new Error("reservation refused");
      await b.releaseUpload(user, first.id);
      await b.releaseUpload(user, "unknown-id");
      expect(await a.reserveUpload(user, 80 * MB, limit, 2_000)).toMatchObject({ ok: true });
      expect(await b.reserveUpload(user, MB, limit, 2_001)).toMatchObject({ ok: false, count: 3, bytes: 100 * MB });
    });

    test("12 concurrent reservations from two instances under a count of 5: exactly 5 pass", async () => {
      const [a, b] = await fixture.open();
      const user = `racer-${Math.random()}`;
      const five = { count: 5, bytes: 1_000 * MB, windowMs: HOUR };
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).reserveUpload(user, MB, five, 5_000 + i)),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(5);
    });

    test("users do not share a window, nor with their spend", async () => {
      const [store] = await fixture.open();
      const tag = Math.random();
      for (let i = 0; i < 3; i++)
        expect(await store.reserveUpload(`u1-${tag}`, MB, limit, 1_000)).toMatchObject({ ok: true });
      expect(await store.reserveUpload(`u2-${tag}`, MB, limit, 1_000)).toMatchObject({ ok: true });
      expect(await store.reserveCredits(`u1-${tag}`, 100, { credits: 100, windowMs: HOUR }, 1_000)).toMatchObject({
        ok: true,
      });
    });
  });

  describe(`${name}: stream places`, () => {
    const TTL = 30_000;

    test("takes up to the limit across instances; a released place is free again; users apart", async () => {
      const [a, b] = await fixture.open();
      const user = `viewer-${Math.random()}`;
      expect(await a.acquireStreamSlot(user, "s1", 2, TTL, 1_000)).toBe(true);
      expect(await b.acquireStreamSlot(user, "s2", 2, TTL, 1_000)).toBe(true);
      expect(await a.acquireStreamSlot(user, "s3", 2, TTL, 1_000)).toBe(false);
      expect(await b.acquireStreamSlot(`${user}-other`, "s3", 2, TTL, 1_000)).toBe(true);
      await b.releaseStreamSlot(user, "s1");
      await b.releaseStreamSlot(user, "never");
      expect(await a.acquireStreamSlot(user, "s3", 2, TTL, 1_001)).toBe(true);
      expect(await a.acquireStreamSlot(user, "s4", 2, TTL, 1_001)).toBe(false);
    });

    test("a place its stream keeps stays; one nobody keeps frees itself after its time", async () => {
      const [a, b] = await fixture.open();
      const user = `keeper-${Math.random()}`;
      expect(await a.acquireStreamSlot(user, "kept", 2, TTL, 1_000)).toBe(true);
      expect(await a.acquireStreamSlot(user, "dead", 2, TTL, 1_000)).toBe(true);
      // A stream keeps its own place even when the user is at the limit.
      expect(await b.acquireStreamSlot(user, "kept", 2, TTL, 1_000 + TTL - 1)).toBe(true);
      // The instance of "dead" stopped keeping it: its place is gone once its time has passed.
      expect(await b.acquireStreamSlot(user, "new", 2, TTL, 1_000 + TTL - 1)).toBe(false);
      expect(await b.acquireStreamSlot(user, "new", 2, TTL, 1_000 + TTL)).toBe(true);
      // Its stream comes back (a stalled instance): no room left, so it is refused.
      expect(await a.acquireStreamSlot(user, "dead", 2, TTL, 1_000 + TTL)).toBe(false);
      expect(await a.acquireStreamSlot(user, "kept", 2, TTL, 2 * TTL)).toBe(true);
    });

    test("a place that lapsed or was forgotten is taken again while there is room", async () => {
      const [a, b] = await fixture.open();
      const user = `again-${Math.random()}`;
      expect(await a.acquireStreamSlot(user, "s1", 1, TTL, 1_000)).toBe(true);
      expect(await b.acquireStreamSlot(user, "s1", 1, TTL, 1_000 + TTL)).toBe(true);
      await a.releaseStreamSlot(user, "s1");
      expect(await b.acquireStreamSlot(user, "s1", 1, TTL, 1_000 + TTL)).toBe(true);
      expect(await b.acquireStreamSlot(user, "s2", 1, TTL, 1_000 + TTL)).toBe(false);
    });

    test("8 concurrent takers from two instances under a limit of 3: exactly 3 pass", async () => {
      const [a, b] = await fixture.open();
      const user = `crowd-${Math.random()}`;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).acquireStreamSlot(user, `s${i}`, 3, TTL, 1_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(3);
    });
  });
}
