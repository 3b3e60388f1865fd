import { JOB_ID_PATTERN, RUN_PATH } from "../core/contract";
import type { KlingLimits } from "../core/limits";
import type { NormalizedEditInput } from "../core/types";
import { validateEditInput } from "../core/validate";
import { answerFromUpstream } from "./answer";
import { readJsonBody } from "./body";
import { ownerOf, type ProxyContext, type ProxyRequest } from "./context";
import { storeCall } from "./store-call";
import { DEFAULT_JOB_TTL_MS } from "./jobs";
import { upstreamEvent } from "./log";
import { sanitizeExpiresAt, sanitizeStatus } from "./sanitize";
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
    return {
      ok: false,
      answer: { status: 400, code: "invalid_input", message: first?.message, fieldErrors: checked.errors },
    };
  }
  return { ok: true, input: checked.value };
}

/** The 429 of a spend limit: `Retry-After` when waiting can help, never for a cost that cannot fit. */
function quotaAnswer(
  reservation: Extract<KlingSpendReservation, { ok: false }>,
  estimate: number,
  limit: KlingSpendLimit,
): ErrorAnswer {
  // Never more than the window: a concurrent submit stamped a little later may hold the oldest credits.
  const retryAfterMs =
    reservation.retryAfterMs === undefined ? undefined : Math.min(reservation.retryAfterMs, limit.windowMs);
  if (retryAfterMs === undefined)
    return quotaExceeded(
      `This edit needs about ${estimate} credits, more than your limit of ${limit.credits} credits allows at once.`,
    );
  return quotaExceeded(
    `You have used ${reservation.used} of your ${limit.credits} credits for now; this edit needs about ${estimate}. More in ${inWords(retryAfterMs)}.`,
    retryAfterMs,
  );
}

/** The user's spend limit, if any; a throwing or malformed `spendLimit` function is the app's bug. */
async function spendLimitFor(ctx: ProxyContext, user: string | undefined): Promise<KlingSpendLimit | undefined> {
  const option = ctx.spendLimit;
  if (typeof option !== "function") return option;
  const limit = await option(user);
  return limit === undefined ? undefined : checkSpendLimit(limit, "spendLimit(user)");
}

/** How long a submit's answer waits on the store for the owner record before it goes out anyway. */
const RECORD_WAIT_MS = 2_000;

/**
 * Records the accepted (charged) job under its owner, then starts its watch. When the store
 * fails or is slow, the write is kept and retried (pending.ts) and the answer does not wait:
 * the browser must learn its job id. Never throws.
 */
async function recordJob(ctx: ProxyContext, req: ProxyRequest, record: KlingJobRecord): Promise<void> {
  let tries = 0;
  const written = ctx.pending.keep({
    key: `job:${record.jobId}`,
    record,
    until: Date.parse(record.expiresAt),
    // After a failed try, another may have landed late or a claim restored the record meanwhile:
    // a record already there (which the watch may have moved on) is never written over.
    // The watch is queued in the same kept write: a job never queued would never be handed over.
    write: async () => {
      if (!(tries++ > 0 && (await ctx.store.getJob(record.jobId)))) await ctx.store.createJob(record);
      await ctx.watch?.accepted(record);
    },
    onFailure: (error, attempt) => {
      const message = `The store failed to record an accepted job (try ${attempt}); it is kept and tried again until ${record.expiresAt}.`;
      ctx.emit({ level: "error", event: "store_failed", method: req.method, path: req.path, message, error });
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, RECORD_WAIT_MS)));
  await Promise.race([written, waited]);
  clearTimeout(timer);
}

/** Settles a reservation by what the upstream said; kept and retried like the record when the store fails. */
function settleReservation(
  ctx: ProxyContext,
  req: ProxyRequest,
  until: number,
  settle: () => Promise<void>,
  id: string,
): Promise<boolean> {
  return ctx.pending.keep({
    key: `settle:${id}`,
    until,
    write: settle,
    onFailure: (error, attempt) => {
      ctx.emit({
        level: "error",
        event: "store_failed",
        method: req.method,
        path: req.path,
        message: `The store failed to settle a reservation (try ${attempt}); it is tried again.`,
        error,
      });
    },
  });
}

/**
 * `POST {proxyUrl}/models/kling-video-edit/run`, once validated and authorised: reserve against
 * the spend limit, send upstream, settle the reservation by what the upstream said, record the
 * accepted job under its owner.
 */
export async function handleSubmit(
  ctx: ProxyContext,
  req: ProxyRequest,
  input: NormalizedEditInput,
): Promise<Response> {
  const owner = ownerOf(req.user);
  let limit: KlingSpendLimit | undefined;
  try {
    limit = await spendLimitFor(ctx, req.user);
  } catch (error) {
    const message = "spendLimit(user) failed; the submit was refused.";
    ctx.emit({
      level: "error",
      event: "internal_error",
      method: req.method,
      path: req.path,
      status: 500,
      message,
      error,
    });
    return errorResponse({
      status: 500,
      code: "internal_error",
      message: "The server could not check your spend limit.",
    });
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
    const reserved = await storeCall(ctx, req, "reserve credits", () =>
      ctx.store.reserveCredits(owner, estimate, limit, ctx.now()),
    );
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
  const creditCost =
    typeof job?.creditCost === "number" && Number.isFinite(job.creditCost) && job.creditCost >= 0
      ? job.creditCost
      : undefined;

  if (reservationId && limit) {
    // A clear refusal (4xx, 429 included) charged nothing: the reservation goes back. A 5xx, a
    // timeout or an unreadable answer may have been charged: the estimate stays reserved.
    const refused = answered && answered.status >= 400 && answered.status < 500;
    const charged = jobId ? (creditCost ?? undefined) : undefined;
    if (refused || charged !== undefined) {
      const id = reservationId;
      const settle = () => ctx.store.settleCredits(owner, id, refused ? 0 : charged!, limit!);
      // Not awaited past the first try: a settlement the store owes never holds up the answer.
      void settleReservation(ctx, req, ctx.now() + limit.windowMs, settle, id);
    }
  }

  if (!jobId) return response;
  const now = ctx.now();
  const expiresAt = sanitizeExpiresAt(job?.expiresAt) ?? new Date(now + DEFAULT_JOB_TTL_MS).toISOString();
  const record: KlingJobRecord = {
    jobId,
    owner,
    createdAt: now,
    input,
    expiresAt,
    status: sanitizeStatus(job?.status ?? "pending", ctx.redact),
    version: 1,
  };
  if (creditCost !== undefined) record.creditCost = creditCost;
  if (webhookToken) record.webhookToken = webhookToken;
  await recordJob(ctx, req, record);
  // The owner's proof of the job, for the browser to keep: it restores the record if the store loses it.
  return withClaim(response, ctx.claims.sign(record));
}

/** The submit's answer with `claim` added to its JSON (an answer that is not a JSON object passes as it is). */
async function withClaim(response: Response, claim: string): Promise<Response> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return new Response(text, response);
  return new Response(JSON.stringify({ ...body, claim }), { status: response.status, headers: response.headers });
}

export { DEFAULT_JOB_TTL_MS };
