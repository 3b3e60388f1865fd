import { jobPath } from "../core/contract";
import { answerFromUpstream } from "./answer";
import { ownerOf, storeCall, type ProxyContext, type ProxyRequest } from "./context";
import { jobUpdateFrom } from "./jobs";
import { upstreamEvent } from "./log";
import type { ErrorAnswer } from "./responses";
import type { KlingJobRecord } from "./store/types";
import { answeredJson } from "./upstream-call";

/** The one answer for a job the caller may not see: the same as for a job that does not exist. */
export const JOB_NOT_FOUND: ErrorAnswer = { status: 404, code: "not_found", message: "The job was not found." };

/**
 * The caller's view of a job id: its record, and whether they may see it. With ownership, a
 * job someone else submitted, or one the store does not know, is invisible alike.
 */
export async function visibleJob(
  ctx: ProxyContext,
  req: ProxyRequest,
  jobId: string,
): Promise<{ ok: true; record: KlingJobRecord | undefined } | { ok: false; response: Response }> {
  const found = await storeCall(ctx, req, "read a job", () => ctx.store.getJob(jobId));
  if (!found.ok) return found;
  const record = found.value;
  if (ctx.ownership && record?.owner !== ownerOf(req.user)) {
    return { ok: false, response: req.refuse(JOB_NOT_FOUND, record ? "Job of another user" : "Job unknown to the store") };
  }
  return { ok: true, record };
}

/** Reads the job upstream and remembers what it says; a store failure does not cost the answer. */
export async function readJobUpstream(ctx: ProxyContext, req: ProxyRequest, jobId: string, known: boolean): Promise<Response> {
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

/** `GET {proxyUrl}/jobs/{jobId}`: the upstream's answer, for the job's owner only. */
export async function handleStatus(ctx: ProxyContext, req: ProxyRequest, jobId: string): Promise<Response> {
  const visible = await visibleJob(ctx, req, jobId);
  if (!visible.ok) return visible.response;
  return readJobUpstream(ctx, req, jobId, !!visible.record);
}
