// `upstreamBudget`: one budget of upstream status reads for every instance sharing the store
// (a sliding window counted in the store), and a hold on all of them while the upstream's 429
// lasts. Submits never take from it: a person waiting on a submit is never held up by reads.
import type { Emit } from "../store-call";
import type { KlingBudgetTurn, KlingStore, KlingUpstreamBudget } from "../store/types";

/** The store's name of the budget (under the store's own prefix). */
const BUDGET = "upstream-reads";
/** A 429 without a Retry-After holds the reads this long. */
const DEFAULT_HOLD_MS = 30_000;
/** A store that failed to answer: no read for this long (the budget must never be passed). */
const STORE_DOWN_WAIT_MS = 1_000;

export interface ReadBudget {
  readonly budget: KlingUpstreamBudget;
  /** Takes one read; refused with the wait until one frees up. */
  take(): Promise<KlingBudgetTurn>;
  /** The upstream answered 429: every instance holds its reads until `retryAfterMs` passes. */
  rateLimited(retryAfterMs: number | undefined): Promise<void>;
}

export interface ReadBudgetDeps {
  store: KlingStore;
  /** `upstreamBudget`: undefined when off. */
  budget: KlingUpstreamBudget | undefined;
  now: () => number;
  emit: Emit;
}

/** One per proxy (the watch and the status route share it); undefined when off or the store cannot count. */
export function createReadBudget({ store, budget, now, emit }: ReadBudgetDeps): ReadBudget | undefined {
  if (!budget || !store.takeBudget || !store.holdBudget) return undefined;
  const take = store.takeBudget.bind(store);
  const hold = store.holdBudget.bind(store);
  const failed = (error: unknown) =>
    emit({
      level: "error",
      event: "store_failed",
      method: "WATCH",
      path: "(upstream budget)",
      message: "The store failed to count an upstream read.",
      error,
    });
  return {
    budget,
    async take() {
      try {
        return await take(BUDGET, budget, now());
      } catch (error) {
        failed(error);
        return { ok: false, retryAfterMs: STORE_DOWN_WAIT_MS };
      }
    },
    async rateLimited(retryAfterMs) {
      const at = now();
      await hold(BUDGET, at + (retryAfterMs ?? DEFAULT_HOLD_MS), at).catch(failed);
    },
  };
}

/**
 * Takes up to `limit` due jobs of `queue`, each only with a read of the budget, earliest due
 * first (the job that waited longest reads first, on whichever instance). Stops at the first
 * refusal and tells until when the budget is spent. A read taken for a job another instance
 * claimed in between is not given back: the budget errs on the side of fewer reads.
 */
export async function claimWithinBudget(
  store: KlingStore,
  budget: ReadBudget,
  queue: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<{ jobIds: string[]; spentUntil?: number }> {
  const jobIds: string[] = [];
  while (jobIds.length < limit) {
    const due = await store.nextDue(queue);
    if (due === undefined || due > now) break;
    const turn = await budget.take();
    if (!turn.ok) return { jobIds, spentUntil: now + turn.retryAfterMs };
    const [jobId] = await store.claimDue(queue, now, leaseMs, 1);
    if (!jobId) break;
    jobIds.push(jobId);
  }
  return { jobIds };
}
