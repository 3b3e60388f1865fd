import { CLAIM_HEADER, jobPath } from "../core/contract";
import { answerFromUpstream } from "./answer";
import { ownerOf, type ProxyContext, type ProxyRequest } from "./context";
import { STORE_FAILED, storeCall } from "./store-call";
import { jobUpdateFrom, jobView } from "./jobs";
import { upstreamEvent } from "./log";
import { errorResponse, type ErrorAnswer } from "./responses";
import type { KlingJobRecord } from "./store/types";
import { answeredJson } from "./upstream-call";

/** The one answer for a job the caller may not see: the same as for a job that does not exist. */
export const JOB_NOT_FOUND: ErrorAnswer = { status: 404, code: "not_found", message: "The job was not found." };

/**
 * The caller's view of a job id: its record, and whether they may see it. With ownership, a
 * job someone else submitted, or one the store does not know, is invisible alike. A record
 * this instance still owes the store answers for itself; a record the store lost is restored
 * from the caller's signed claim, once; while the store is down, a valid claim stands in.
 */
export async function visibleJob(
  ctx: ProxyContext,
  req: ProxyRequest,
  jobId: string,
): Promise<{ ok: true; record: KlingJobRecord | undefined } | { ok: false; response: Response }> {
  const owner = ownerOf(req.user);
  const owed = ctx.pending.record(jobId);
  if (owed && (!ctx.ownership || owed.owner === owner)) return { ok: true, record: owed };
  const claim = req.request.headers.get(CLAIM_HEADER);
  const claimed = () => (claim ? ctx.claims.verify(claim, jobId, owner, ctx.now()) : undefined);
  let record: KlingJobRecord | undefined;
  try {
    record = await ctx.store.getJob(jobId);
  } catch (error) {
    ctx.emit({
      level: "error",
      event: "store_failed",
      method: req.method,
      path: req.path,
      message: "The store failed to read a job.",
      error,
    });
    // The store is down: the owner's own proof still opens their job (read upstream, not stored).
    const proven = claimed();
    if (proven) return { ok: true, record: proven };
    return { ok: false, response: errorResponse(STORE_FAILED) };
  }
  if (!record) {
    const proven = claimed();
    if (proven) {
      record = proven;
      await restoreRecord(ctx, req, proven);
    }
  }
  if (ctx.ownership && record?.owner !== owner) {
    return {
      ok: false,
      response: req.refuse(JOB_NOT_FOUND, record ? "Job of another user" : "Job unknown to the store"),
    };
  }
  return { ok: true, record };
}

/** Writes a record a claim proved back to the store (and watches it again); a failure is logged, the answer goes on. */
async function restoreRecord(ctx: ProxyContext, req: ProxyRequest, record: KlingJobRecord): Promise<void> {
  const restored = await storeCall(ctx, req, "restore a claimed job", () => ctx.store.createJob(record));
  if (!restored.ok) return;
  ctx.emit({
    level: "warn",
    event: "job_restored",
    method: req.method,
    path: req.path,
    message: "A job the store had lost was restored from its owner's claim.",
  });
  await ctx.watch?.accepted(record).catch(() => undefined);
}

/** Reads the job upstream and remembers what it says; a store failure does not cost the answer. */
export async function readJobUpstream(
  ctx: ProxyContext,
  req: ProxyRequest,
  jobId: string,
  known: boolean,
): Promise<Response> {
  const result = await ctx.callUpstream({ method: "GET", url: ctx.upstream + jobPath(jobId) });
  const response = answerFromUpstream(result, { proxyRoot: req.root, jobId, submit: false, redact: ctx.redact });
  ctx.emit({ ...upstreamEvent(result, ctx.timeoutMs), method: req.method, path: req.path, status: response.status });
  if (known && result.kind === "answered" && result.status === 200) {
    const body = answeredJson(result);
    if (body === undefined) return response;
    if (ctx.watch) {
      // Stored, and streamed to every watcher when it is news.
      await ctx.watch.apply(req, jobId, body);
    } else {
      const update = jobUpdateFrom(body, ctx.redact);
      if (update) await storeCall(ctx, req, "update a job", () => ctx.store.updateJob(jobId, update));
    }
  }
  return response;
}

/**
 * The status route over `upstreamBudget`: the stored record answers (the browser polls again and
 * sees the news a little later); without one, a 429 `rate_limited` the browser waits out.
 * Undefined when the read may go upstream.
 */
async function answerWithinBudget(
  ctx: ProxyContext,
  req: ProxyRequest,
  record: KlingJobRecord | undefined,
): Promise<Response | undefined> {
  if (!ctx.readBudget) return undefined;
  const turn = await ctx.readBudget.take();
  if (turn.ok) return undefined;
  if (record) return Response.json(jobView(record, req.root, ctx.redact), { headers: { "cache-control": "no-store" } });
  const seconds = String(Math.max(1, Math.ceil(turn.retryAfterMs / 1000)));
  return errorResponse({ status: 429, code: "rate_limited", headers: { "retry-after": seconds } });
}

/** `GET {proxyUrl}/jobs/{jobId}`: the upstream's answer, for the job's owner only. */
export async function handleStatus(ctx: ProxyContext, req: ProxyRequest, jobId: string): Promise<Response> {
  const visible = await visibleJob(ctx, req, jobId);
  if (!visible.ok) return visible.response;
  const withinBudget = await answerWithinBudget(ctx, req, visible.record);
  if (withinBudget) return withinBudget;
  return readJobUpstream(ctx, req, jobId, !!visible.record);
}
