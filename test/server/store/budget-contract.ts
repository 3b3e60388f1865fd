// The shared upstream budget (takeBudget, holdBudget), for every store that has it.
import { describe, expect, test } from "vitest";
import type { StoreFixture } from "./store-contract";

export function budgetContract(name: string, fixture: StoreFixture) {
  describe(`${name}: upstream budget`, () => {
    const budget = { requests: 3, windowMs: 60_000 };

    test("at most `requests` in any window, across instances; the wait is until the oldest leaves it", async () => {
      const [a, b] = await fixture.open();
      const name = `budget-${Math.random()}`;
      const turns = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).takeBudget!(name, budget, 1_000)),
      );
      expect(turns.filter((turn) => turn.ok)).toHaveLength(3);
      expect(await a.takeBudget!(name, budget, 30_000)).toEqual({ ok: false, retryAfterMs: 31_000 });
      // The window slides: at 61 s the three taken at 1 s have left it.
      expect(await b.takeBudget!(name, budget, 61_000)).toEqual({ ok: true });
    });

    test("a hold refuses every instance until it passes; an earlier hold never shortens it", async () => {
      const [a, b] = await fixture.open();
      const name = `held-${Math.random()}`;
      await a.holdBudget!(name, 10_000, 1_000);
      await b.holdBudget!(name, 5_000, 1_000);
      expect(await b.takeBudget!(name, budget, 2_000)).toEqual({ ok: false, retryAfterMs: 8_000 });
      expect(await a.takeBudget!(name, budget, 10_000)).toEqual({ ok: true });
    });
  });
}
