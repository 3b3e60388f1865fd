// The two halves of `POST {proxyUrl}/uploads`, around the proxy's identify and authorize steps:
// read and check what the browser asks for, then sign it and answer.
import type { KlingLimits } from "../../core/limits";
import { checkUpload, parseUploadTicket, type UploadRequest } from "../../core/uploads";
import { readJsonBody } from "../body";
import { ownerOf, type ProxyContext, type ProxyRequest } from "../context";
import { storeCall } from "../store-call";
import { checkUploadLimit } from "../options";
import { inWords, quotaExceeded } from "../quota";
import { baseHeaders, errorResponse, type ErrorAnswer } from "../responses";
import type { KlingUploadLimit, KlingUploadReservation } from "../store/types";
import type { KlingUploadTicket, KlingUploads } from "./types";

/** Largest body of an upload request: four short fields (a name is at most 1,024 characters). */
export const MAX_UPLOAD_REQUEST_BYTES = 8 * 1024;

export type UploadRequestBody = { ok: true; value: UploadRequest } | { ok: false; answer: ErrorAnswer };

/**
 * The browser's `{ kind, name, type, size }`, checked by the same rule the browser runs
 * (`checkUpload`) before anything is signed: 415 for a body that is not JSON, 413 for one
 * over `MAX_UPLOAD_REQUEST_BYTES`, 400 for a file the model does not take (code `invalid_input`,
 * the rule's message). The type comes back lower-case, as it will be signed.
 */
export async function readUploadRequest(
  request: Request,
  { limits }: { limits?: Partial<KlingLimits> } = {},
): Promise<UploadRequestBody> {
  const body = await readJsonBody(request, { maxBytes: MAX_UPLOAD_REQUEST_BYTES, what: "the upload request" });
  if (!body.ok) return body;
  if (typeof body.json !== "object" || body.json === null || Array.isArray(body.json)) {
    return {
      ok: false,
      answer: { status: 400, code: "invalid_input", message: "Send { kind, name, type, size } as a JSON object." },
    };
  }
  const issue = checkUpload(body.json, limits);
  if (issue) return { ok: false, answer: { status: 400, code: "invalid_input", message: issue.message } };
  const { kind, name, type, size } = body.json as UploadRequest;
  return { ok: true, value: { kind, name, type: type.toLowerCase(), size } };
}

export interface AnswerUploadOptions {
  /** Hears why signing failed (the proxy's logger); the browser only hears that it did. */
  onError?: (error: unknown) => void;
}

/**
 * Signs one upload for `owner` and answers 200 `{ uploadUrl, method, headers, url, expiresAt }`,
 * never cached. A `presign` that throws, or returns something that is not a ticket, answers
 * 500 `internal_error` with a fixed message: an error text may hold a storage secret.
 */
export async function answerUpload(
  uploads: KlingUploads,
  owner: string,
  value: UploadRequest,
  { onError }: AnswerUploadOptions = {},
): Promise<Response> {
  let ticket: KlingUploadTicket | undefined;
  try {
    const presigned: unknown = await uploads.presign({ owner, ...value });
    // The ticket as the browser will see it: nothing but its five fields, each of the right shape.
    ticket = parseUploadTicket(presigned);
    if (!ticket)
      throw new TypeError(
        'uploads.presign() returned no ticket: { uploadUrl, method: "PUT", headers, url, expiresAt } expected.',
      );
  } catch (error) {
    try {
      onError?.(error);
    } catch {
      // A failing logger must not turn the answer into a crash.
    }
    return errorResponse({ status: 500, code: "internal_error", message: "The upload could not be prepared." });
  }
  return new Response(JSON.stringify(ticket), { status: 200, headers: baseHeaders() });
}

const GiB = 1024 ** 3;
const sizeInWords = (bytes: number) =>
  bytes >= GiB ? `${Math.round((bytes / GiB) * 10) / 10} GB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The 429 of an upload limit: `Retry-After` when waiting can help, never for a file that cannot fit. */
function uploadQuotaAnswer(
  refused: Extract<KlingUploadReservation, { ok: false }>,
  size: number,
  limit: KlingUploadLimit,
): ErrorAnswer {
  const allowed = `${limit.count} files and ${sizeInWords(limit.bytes)} in any ${inWords(limit.windowMs)}`;
  if (refused.retryAfterMs === undefined)
    return quotaExceeded(
      `This file (${sizeInWords(size)}) is larger than your upload limit (${allowed}) allows at once.`,
    );
  const used = `${refused.count} files (${sizeInWords(refused.bytes)}) in the last ${inWords(limit.windowMs)}`;
  // Never more than the window: a concurrent request stamped a little later may hold the oldest place.
  const wait = Math.min(refused.retryAfterMs, limit.windowMs);
  return quotaExceeded(`You have uploaded ${used}; your limit is ${allowed}. More in ${inWords(wait)}.`, wait);
}

/**
 * `POST {proxyUrl}/uploads`, once read, checked and authorised: reserve the file against the
 * caller's `uploadLimit` in the store (one atomic step across instances), then sign. Over the
 * limit: 429 `quota_exceeded`, nothing signed. A ticket that could not be signed gives its
 * reservation back.
 */
export async function handleUpload(
  ctx: ProxyContext,
  req: ProxyRequest,
  uploads: KlingUploads,
  value: UploadRequest,
): Promise<Response> {
  const owner = ownerOf(req.user);
  const onError = (error: unknown) =>
    ctx.emit({
      level: "error",
      event: "internal_error",
      method: req.method,
      path: req.path,
      status: 500,
      message: "uploads.presign() failed.",
      error,
    });
  const option = ctx.uploadLimit;
  let limit: KlingUploadLimit | undefined;
  try {
    limit = typeof option === "function" ? await option(req.user) : option;
    if (limit !== undefined && typeof option === "function") checkUploadLimit(limit, "uploadLimit(user)");
  } catch (error) {
    ctx.emit({
      level: "error",
      event: "internal_error",
      method: req.method,
      path: req.path,
      status: 500,
      message: "uploadLimit(user) failed; the upload was refused.",
      error,
    });
    return errorResponse({
      status: 500,
      code: "internal_error",
      message: "The server could not check your upload limit.",
    });
  }
  if (!limit) return answerUpload(uploads, owner, value, { onError });
  const within = limit;
  const reserved = await storeCall(ctx, req, "reserve an upload", () =>
    ctx.store.reserveUpload(owner, value.size, within, ctx.now()),
  );
  if (!reserved.ok) return reserved.response;
  if (!reserved.value.ok)
    return req.refuse(uploadQuotaAnswer(reserved.value, value.size, within), "Upload limit reached");
  const id = reserved.value.id;
  const response = await answerUpload(uploads, owner, value, { onError });
  // Nothing was signed: the file does not count.
  if (response.status !== 200)
    await storeCall(ctx, req, "give an upload back", () => ctx.store.releaseUpload(owner, id));
  return response;
}
