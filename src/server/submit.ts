import { JOB_ID_PATTERN, RUN_PATH } from "../core/contract";
import type { KlingLimits } from "../core/limits";
import type { NormalizedEditInput } from "../core/types";
import { validateEditInput } from "../core/validate";
import { answerFromUpstream } from "./answer";
import { readJsonBody } from "./body";
import { ownerOf, storeCall, type ProxyContext, type ProxyRequest } from "./context";
import { upstreamEvent } from "./log";
import { checkSpendLimit } from "./options";
import { inWords, quotaExceeded } from "./quota";
import { errorResponse, type ErrorAnswer } from "./responses";
import type { KlingJobRecord, KlingSpendLimit, KlingSpendReservation } from "./store/types";
import { newWebhookToken } from "./webhooks";

export type SubmitBody = { ok: true; input: NormalizedEditInput } | { ok: false; answer: ErrorAnswer };

/** A submit's body: JSON within `maxBodyBytes` (see `readJsonBody`), then the one validation rule of the library. */
export async function readSubmitBody(
  request: Request,
  { maxBodyBytes, limits }: { maxBodyBytes: number; limits?: Partial<KlingLimits> },
): Promise<SubmitBody> {
  const body = await readJsonBody(request, { maxBytes: maxBodyBytes, what: "the edit" });
  if (!body.ok) return body;
  const checked = validateEditInput(body.json, limits);
  if (!checked.ok) {
    const first = Object.values(checked.errors)[0];
    return { ok: false, answer: { status: 400, code: "invalid_input", message: first?.message, fieldErrors: checked.errors } };
  }
  return { ok: true, input: checked.value };
}

/** The 429 of a spend limit: `Retry-After` when waiting can help, never for a cost that cannot fit. */
function quotaAnswer(reservation: Extract<KlingSpendReservation, { ok: false }>, estimate: number, limit: KlingSpendLimit): ErrorAnswer {
  const { retryAfterMs } = reservation;
  if (retryAfterMs === undefined) return quotaExceeded(`This edit needs about ${estimate} credits, more than your limit of ${limit.credits} credits allows at once.`);
  return quotaExceeded(`You have used ${reservation.used} of your ${limit.credits} credits for now; this edit needs about ${estimate}. More in ${inWords(retryAfterMs)}.`, retryAfterMs);
}

/** The user's spend limit, if any; a throwing or malformed `spendLimit` function is the app's bug. */
async function spendLimitFor(ctx: ProxyContext, user: string | undefined): Promise<KlingSpendLimit | undefined> {
  const option = ctx.options.spendLimit;
  if (typeof option !== "function") return option;
  const limit = await option(user);
  return limit === undefined ? undefined : checkSpendLimit(limit, "spendLimit(user)");
}

/** Tries a write twice: a paid job whose owner is not recorded would answer 404 to its owner. */
async function recordJob(ctx: ProxyContext, req: ProxyRequest, record: KlingJobRecord): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const saved = await storeCall(ctx, req, "record an accepted job", () => ctx.store.createJob(record));
    if (saved.ok || attempt === 2) return;
  }
}

/**
 * `POST {proxyUrl}/models/kling-video-edit/run`, once validated and authorised: reserve against
 * the spend limit, send upstream, settle the reservation by what the upstream said, record the
 * accepted job under its owner.
 */
export async function handleSubmit(ctx: ProxyContext, req: ProxyRequest, input: NormalizedEditInput): Promise<Response> {
  const owner = ownerOf(req.user);
  let limit: KlingSpendLimit | undefined;
  try {
    limit = await spendLimitFor(ctx, req.user);
  } catch (error) {
    const message = "spendLimit(user) failed; the submit was refused.";
    ctx.emit({ level: "error", event: "internal_error", method: req.method, path: req.path, status: 500, message, error });
    return errorResponse({ status: 500, code: "internal_error", message: "The server could not check your spend limit." });
  }
  let reservationId: string | undefined;
  if (limit) {
    const estimate = ctx.pricing(input);
    // A negative estimate would give credits back on reserving; NaN or Infinity cannot be counted.
    if (typeof estimate !== "number" || !Number.isFinite(estimate) || estimate < 0) {
      const message = `pricing(input) returned ${String(estimate)}, not a number of credits (finite, 0 or more); the submit was refused.`;
      ctx.emit({ level: "error", event: "internal_error", method: req.method, path: req.path, status: 500, message });
      return errorResponse({ status: 500, code: "internal_error", message: "The server could not price this edit." });
    }
    const reserved = await storeCall(ctx, req, "reserve credits", () => ctx.store.reserveCredits(owner, estimate, limit, ctx.now()));
    if (!reserved.ok) return reserved.response;
    if (!reserved.value.ok) return req.refuse(quotaAnswer(reserved.value, estimate, limit), "Spend limit reached");
    reservationId = reserved.value.id;
  }

  // With webhooks, PixelDojo is told where to nudge the proxy about this job, by a token only it learns.
  const webhookToken = ctx.webhooks ? newWebhookToken() : undefined;
  const body = webhookToken ? { ...input, webhook_url: `${ctx.webhooks!.root}/${webhookToken}` } : input;
  const result = await ctx.callUpstream({ method: "POST", url: ctx.upstream + RUN_PATH, body: JSON.stringify(body) });
  const response = answerFromUpstream(result, { proxyRoot: req.root, submit: true, redact: ctx.redact });
  ctx.emit({ ...upstreamEvent(result, ctx.timeoutMs), method: req.method, path: req.path, status: response.status });

  const answered = result.kind === "answered" ? result : undefined;
  let job: Record<string, unknown> | undefined;
  if (answered && answered.status >= 200 && answered.status < 300) {
    try {
      const parsed: unknown = JSON.parse(answered.text);
      if (typeof parsed === "object" && parsed !== null) job = parsed as Record<string, unknown>;
    } catch {
      // Answered as it is; the browser treats it as a submit that may have been charged.
    }
  }
  const jobId = typeof job?.jobId === "string" && JOB_ID_PATTERN.test(job.jobId) ? job.jobId : undefined;
  // A cost below 0 is no cost: it would free credits that were never given back.
  const creditCost = typeof job?.creditCost === "number" && Number.isFinite(job.creditCost) && job.creditCost >= 0 ? job.creditCost : undefined;

  if (reservationId && limit) {
    // A clear refusal (4xx, 429 included) charged nothing: the reservation goes back. A 5xx, a
    // timeout or an unreadable answer may have been charged: the estimate stays reserved.
    const refused = answered && answered.status >= 400 && answered.status < 500;
    const charged = jobId ? (creditCost ?? undefined) : undefined;
    if (refused || charged !== undefined) {
      const id = reservationId;
      await storeCall(ctx, req, "settle a reservation", () => ctx.store.settleCredits(owner, id, refused ? 0 : charged!, limit));
    }
  }

  if (jobId) {
    const now = ctx.now();
    const expiresAt = typeof job?.expiresAt === "string" && !Number.isNaN(Date.parse(job.expiresAt)) ? job.expiresAt : new Date(now + DEFAULT_JOB_TTL_MS).toISOString();
    const record: KlingJobRecord = { jobId, owner, createdAt: now, input, expiresAt, status: typeof job?.status === "string" ? job.status : "pending", version: 1 };
    if (creditCost !== undefined) record.creditCost = creditCost;
    if (webhookToken) record.webhookToken = webhookToken;
    await recordJob(ctx, req, record);
    await ctx.watch?.accepted(record);
  }
  return response;
}

/** How long a job is remembered when the upstream's answer gave no `expiresAt`. */
export const DEFAULT_JOB_TTL_MS = 24 * 3_600_000;
