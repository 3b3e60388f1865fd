import { KLING_ERROR_MESSAGES, type KlingErrorCode } from "../core/errors";
import type { FieldErrors } from "../core/validate";
import type { KlingProxyErrorBody } from "./types";

/**
 * Headers of every answer: JSON only (never an upstream HTML page served from the app's
 * origin), never cached (job answers are per user and change), never sniffed.
 */
export function baseHeaders(extra: Record<string, string> = {}): Headers {
  return new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...extra,
  });
}

export interface ErrorAnswer {
  status: number;
  code: KlingErrorCode;
  message?: string;
  fieldErrors?: FieldErrors;
  headers?: Record<string, string>;
}

/** An error in the shape `errorFromResponse` (src/core/client.ts) reads. */
export function errorResponse({ status, code, message, fieldErrors, headers }: ErrorAnswer): Response {
  const body: KlingProxyErrorBody = { error: { code, message: message ?? KLING_ERROR_MESSAGES[code] } };
  if (fieldErrors) body.error.fieldErrors = fieldErrors;
  return new Response(JSON.stringify(body), { status, headers: baseHeaders(headers) });
}

/** The same answer without a body, for HEAD. */
export function withoutBody(response: Response): Response {
  return new Response(null, { status: response.status, headers: response.headers });
}
