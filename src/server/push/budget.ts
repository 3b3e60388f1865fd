// `upstreamBudget`: one budget of upstream status reads for every instance sharing the store
// (a sliding window counted in the store), and a hold on all of them while the upstream's 429
// lasts. Submits never take from it: a person waiting on a submit is never held up by reads.
import type { ProxyContext, ProxyRequest } from "../context";
import { jobView } from "../jobs";
import { errorResponse } from "../responses";
import type { KlingBudgetTurn, KlingJobRecord, KlingStore, KlingUpstreamBudget } from "../store/types";

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

// One per proxy: the watch and the status route share it.
const made = new WeakMap<ProxyContext, ReadBudget | undefined>();

export function readBudgetOf(ctx: ProxyContext): ReadBudget | undefined {
  if (!made.has(ctx)) made.set(ctx, makeReadBudget(ctx));
  return made.get(ctx);
}

function makeReadBudget(ctx: ProxyContext): ReadBudget | undefined {
  const budget = ctx.options.upstreamBudget;
  const { store } = ctx;
  if (!budget || !store.takeBudget || !store.holdBudget) return undefined;
  const take = store.takeBudget.bind(store);
  const hold = store.holdBudget.bind(store);
  const failed = (error: unknown) =>
    ctx.emit({ level: "error", event: "store_failed", method: "WATCH", path: "(upstream budget)", message: "The store failed to count an upstream read.", error });
  return {
    budget,
    async take() {
      try {
        return await take(BUDGET, budget, ctx.now());
      } catch (error) {
        failed(error);
        return { ok: false, retryAfterMs: STORE_DOWN_WAIT_MS };
      }
    },
    async rateLimited(retryAfterMs) {
      const now = ctx.now();
      await hold(BUDGET, now + (retryAfterMs ?? DEFAULT_HOLD_MS), now).catch(failed);
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

/**
 * The status route over the budget: the stored record answers (the browser polls again and
 * sees the news a little later); without one, a 429 `rate_limited` the browser waits out.
 * Undefined when the read may go upstream.
 */
export async function answerWithinBudget(ctx: ProxyContext, req: ProxyRequest, record: KlingJobRecord | undefined): Promise<Response | undefined> {
  const budget = readBudgetOf(ctx);
  if (!budget) return undefined;
  const turn = await budget.take();
  if (turn.ok) return undefined;
  if (record) return Response.json(jobView(record, req.root, ctx.redact), { headers: { "cache-control": "no-store" } });
  const seconds = String(Math.max(1, Math.ceil(turn.retryAfterMs / 1000)));
  return errorResponse({ status: 429, code: "rate_limited", headers: { "retry-after": seconds } });
}
