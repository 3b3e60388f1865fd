import { joinUrl } from "./base-url";
import { codeForStatus, KLING_ERROR_CODES, KlingError, type KlingErrorCode } from "./errors";
import { parseRetryAfter } from "./retry-after";
import type { FieldErrors } from "./validate";

/**
 * How the browser reaches the proxy: its URL, the app's `fetch` and the app's own headers. One
 * request function for every call to the proxy (the client, the stream, uploads, the probe).
 */

/**
 * The DOM's `HeadersInit`, spelled out: a server app compiles these types without the DOM lib,
 * where only `Headers` is global (from @types/node).
 */
export type KlingHeadersInit = Headers | Record<string, string> | [string, string][];
export type HeadersOption = KlingHeadersInit | (() => KlingHeadersInit | Promise<KlingHeadersInit>);

export interface ProxyTransport {
  /** Where the app mounted its proxy, e.g. `/api/kling`. */
  proxyUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra headers for the app's own auth to its proxy; a function is called per request. */
  headers?: HeadersOption;
}

/** The app's own headers for one request to the proxy (a function is called per request). */
export const resolveHeaders = async (headers: HeadersOption | undefined) =>
  new Headers(headers instanceof Function ? await headers() : headers);

/** The app's headers for one request to the proxy, with `extra` on top (unset where undefined). */
export async function proxyHeaders(
  transport: ProxyTransport,
  extra: Record<string, string | undefined> = {},
): Promise<Headers> {
  const headers = await resolveHeaders(transport.headers);
  for (const [name, value] of Object.entries(extra)) if (value) headers.set(name, value);
  return headers;
}

/** One request to `{proxyUrl}{path}` (by the base-URL rule), never from the HTTP cache. Rejects as `fetch` does. */
export const proxyFetch = (
  transport: ProxyTransport,
  path: string,
  init: RequestInit,
  headers: Headers,
): Promise<Response> =>
  (transport.fetch ?? fetch)(joinUrl(transport.proxyUrl, path), { ...init, headers, cache: "no-store" });

interface ErrorDetail {
  code?: unknown;
  message?: unknown;
  fieldErrors?: FieldErrors;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/**
 * A `KlingError` for a non-2xx answer, keeping the server's own words when it gave any. The
 * proxy's own `error.code` wins over the status (its 413 and 415 are invalid input, not
 * upstream trouble); PixelDojo's plain `{ error: "…" }` is read too.
 */
export async function errorFromResponse(response: Response, jobId?: string, isSubmit = false): Promise<KlingError> {
  // A body that is not JSON (or not an object) carries no detail worth showing.
  const parsed: unknown = await response.json().catch(() => null);
  const body = isObject(parsed) ? parsed : {};
  const detail: ErrorDetail = isObject(body.error) ? body.error : { message: body.error ?? body.message };
  const code = KLING_ERROR_CODES.includes(detail.code as KlingErrorCode)
    ? (detail.code as KlingErrorCode)
    : codeForStatus(response.status);
  return new KlingError(code, {
    status: response.status,
    message: typeof detail.message === "string" ? detail.message : undefined,
    fieldErrors: detail.fieldErrors ?? (body.fieldErrors as FieldErrors | undefined),
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    jobId,
    // A 5xx or a timeout does not prove that a submit was refused.
    maybeCharged: isSubmit && (response.status >= 500 || code === "timeout"),
  });
}

/** A failure without a usable answer; an abort is passed on as it is (the caller's doing, not the service's). */
export function requestFailure(
  init: RequestInit,
  code: KlingErrorCode,
  cause: unknown,
  status: number | undefined,
  jobId: string | undefined,
): KlingError {
  init.signal?.throwIfAborted();
  // A submit that got no clear refusal may have started upstream, and been charged.
  return new KlingError(code, { cause, status, jobId, maybeCharged: init.method === "POST" });
}

/** One JSON request to the proxy: its answer, or a `KlingError` for a failure or an error answer. */
export async function callProxy(
  transport: ProxyTransport,
  path: string,
  init: RequestInit,
  jobId?: string,
  extra: Record<string, string | undefined> = {},
): Promise<{ body: unknown; status: number }> {
  const isSubmit = init.method === "POST";
  const headers = await proxyHeaders(transport, {
    ...extra,
    accept: "application/json",
    "content-type": isSubmit ? "application/json" : undefined,
  });
  let response: Response;
  try {
    response = await proxyFetch(transport, path, init, headers);
  } catch (cause) {
    throw requestFailure(init, "network_error", cause, undefined, jobId);
  }
  if (!response.ok) throw await errorFromResponse(response, jobId, isSubmit);
  const body: unknown = await response.json().catch((cause: unknown) => {
    throw requestFailure(init, "bad_response", cause, response.status, jobId);
  });
  return { body, status: response.status };
}
