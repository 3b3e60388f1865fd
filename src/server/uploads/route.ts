// The two halves of `POST {proxyUrl}/uploads`, around the proxy's identify and authorize steps:
// read and check what the browser asks for, then sign it and answer.
import type { KlingLimits } from "../../core/limits";
import { checkUpload, parseUploadTicket, type UploadRequest } from "../../core/uploads";
import { readJsonBody } from "../body";
import { baseHeaders, errorResponse, type ErrorAnswer } from "../responses";
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
    return { ok: false, answer: { status: 400, code: "invalid_input", message: "Send { kind, name, type, size } as a JSON object." } };
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
    if (!ticket) throw new TypeError("uploads.presign() returned no ticket: { uploadUrl, method: \"PUT\", headers, url, expiresAt } expected.");
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
