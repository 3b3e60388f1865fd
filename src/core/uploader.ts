import type { KlingClientOptions } from "./client";
import { UPLOADS_PATH } from "./contract";
import { joinUrl } from "./base-url";
import { errorFromResponse, proxyFetch, proxyHeaders } from "./transport";
import { codeForStatus, KlingError } from "./errors";
import { putFile, type PutOutcome } from "./put-file";
import { sleep } from "./sleep";
import { checkUpload, parseUploadTicket, UPLOAD_TYPES, type UploadRequest, type UploadTicket } from "./uploads";
import { checkVideoDuration, roundDuration } from "./validate";
import { readVideoDuration } from "./video-duration";

/**
 * Uploads a local file somewhere public and resolves to its URL, reporting progress (0..1) and
 * stopping when `signal` aborts. `VideoEditForm` and `KlingVideoEditor` take one as `uploadFile`;
 * `createProxyUploader` makes one for the proxy's `POST {proxyUrl}/uploads`.
 */
export type UploadFile = (
  file: File,
  options: { onProgress: (fraction: number) => void; signal: AbortSignal },
) => Promise<string>;

/**
 * `createProxyUploader`'s options: where the proxy is and how to reach it, as for
 * `createKlingClient` (`fetch` and `headers` are used for the ticket request only; the PUT goes
 * to the storage with the ticket's headers alone), the limits to check files against, and how
 * hard to try.
 */
export interface ProxyUploaderOptions extends Pick<KlingClientOptions, "proxyUrl" | "fetch" | "headers" | "limits"> {
  /** PUTs of one file in all, the first included. Default 4. */
  maxAttempts?: number;
  /** Milliseconds to wait before retry number `retry` (1, 2, …). Default 1 s, 2 s, 4 s, … up to 15 s. */
  retryDelayMs?: (retry: number) => number;
  /** A PUT that sends no progress for this long counts as a dropped connection (and is retried). Default 60 s. */
  stallTimeoutMs?: number;
  /** Makes the XMLHttpRequest of each PUT. Default `new XMLHttpRequest()`. */
  createXhr?: () => XMLHttpRequest;
}

const DEFAULT_ATTEMPTS = 4;
const DEFAULT_STALL_MS = 60_000;
const defaultRetryDelay = (retry: number) => Math.min(15_000, 1000 * 2 ** (retry - 1));
/** Longest `Retry-After` of the storage that is waited for. */
const MAX_RETRY_AFTER_MS = 30_000;
/** A ticket this close to its expiry is not reused: the PUT would be refused on arrival. */
const TICKET_MARGIN_MS = 5_000;

const NO_ANSWER =
  "The upload could not reach the storage: the connection dropped, or the bucket's CORS rule does not allow this page's origin.";

/** What to do after a failed attempt; `error` is what the caller gets when no retry is left. */
interface Failure {
  error: KlingError;
  retry: boolean;
  /** The ticket is spent: the next attempt asks for a new one. */
  renew?: boolean;
  waitMs?: number;
}

const expiresSoon = (ticket: UploadTicket) => Date.parse(ticket.expiresAt) - Date.now() <= TICKET_MARGIN_MS;

/** What the proxy is asked to sign for `file`; the kind follows the file's type. */
function uploadRequestOf(file: File): UploadRequest {
  const type = (file.type ?? "").toLowerCase();
  return { kind: UPLOAD_TYPES.image.includes(type) ? "image" : "video", name: file.name ?? "", type, size: file.size };
}

/** A PUT that did not store the file: retry it (with the same ticket or a new one), or give up now. */
function judge(outcome: Exclude<PutOutcome, { ok: true }>, ticket: UploadTicket): Failure {
  if (outcome.status === 0) return { retry: true, error: new KlingError("network_error", { message: NO_ANSWER }) };
  const { status, code, message } = outcome;
  const error = new KlingError(codeForStatus(status), {
    status,
    message: `The storage refused the upload (${status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}).`,
  });
  // An expired signature, as the storage says it or, where CORS hides its words, as the clock does.
  if (status === 403 && (/expired/i.test(`${code} ${message}`) || expiresSoon(ticket)))
    return { retry: true, renew: true, error };
  if (status >= 500 || status === 408 || status === 429) return { retry: true, error, waitMs: outcome.retryAfterMs };
  // A signature that does not match, a 400: the same request would be refused again.
  return { retry: false, error };
}

function checkOptions(options: ProxyUploaderOptions) {
  const fail = (message: string): never => {
    throw new TypeError(`createProxyUploader: ${message}`);
  };
  if (typeof options?.proxyUrl !== "string" || options.proxyUrl === "")
    fail('proxyUrl is required, e.g. "/api/kling".');
  const { maxAttempts = DEFAULT_ATTEMPTS, stallTimeoutMs = DEFAULT_STALL_MS } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20)
    fail(`maxAttempts must be a whole number from 1 to 20; got ${maxAttempts}.`);
  if (!(stallTimeoutMs > 0)) fail(`stallTimeoutMs must be a positive number of milliseconds; got ${stallTimeoutMs}.`);
  for (const name of ["fetch", "retryDelayMs", "createXhr"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") fail(`${name} must be a function.`);
  }
  return { maxAttempts, stallTimeoutMs, retryDelayMs: options.retryDelayMs ?? defaultRetryDelay };
}

/**
 * An `UploadFile` that uploads through the app's own proxy: for one file it
 * 1. checks type and size (`checkUpload`, with `limits`) and, for a video, its length as the
 *    browser reads it from the file, refusing an out-of-range clip before a byte is sent
 *    (`KlingError` `invalid_input`; a length the browser cannot read is left to the form);
 * 2. asks `POST {proxyUrl}/uploads` for a ticket, with the app's `headers` (errors read as the
 *    client reads them: the proxy's own code and words);
 * 3. PUTs the file to the ticket's `uploadUrl` with exactly its `headers`, reporting progress;
 * 4. resolves to the ticket's `url`, to submit as `video_url` (or among `image_urls`).
 *
 * A PUT that fails without being refused (a dropped connection, a stall, a 5xx, 408 or 429) is
 * sent again after a backoff, at most `maxAttempts` times in all, with the same ticket while it
 * is valid and with a new one after it expires (or when the storage says it has). A refusal
 * that sending again cannot fix (a 400, a signature that does not match) fails at once. `signal`
 * stops everything: the request in flight is aborted, nothing more is sent, and the promise
 * rejects with the signal's reason.
 */
export function createProxyUploader(options: ProxyUploaderOptions): UploadFile {
  const { maxAttempts, stallTimeoutMs, retryDelayMs } = checkOptions(options);
  const createXhr = options.createXhr ?? (() => new XMLHttpRequest());
  const uploadsUrl = joinUrl(options.proxyUrl, UPLOADS_PATH);

  async function requestTicket(request: UploadRequest, signal: AbortSignal): Promise<UploadTicket> {
    const headers = await proxyHeaders(options, { accept: "application/json", "content-type": "application/json" });
    let response: Response;
    try {
      response = await proxyFetch(
        options,
        UPLOADS_PATH,
        { method: "POST", body: JSON.stringify(request), signal },
        headers,
      );
    } catch (cause) {
      signal.throwIfAborted();
      throw new KlingError("network_error", {
        cause,
        message: "The upload could not be prepared: the proxy did not answer.",
      });
    }
    if (!response.ok) throw await errorFromResponse(response);
    const ticket = parseUploadTicket(await response.json().catch(() => undefined));
    if (!ticket)
      throw new KlingError("bad_response", {
        status: response.status,
        message: `The answer of POST ${uploadsUrl} is not an upload ticket.`,
      });
    return ticket;
  }

  /** Refuses a clip of the wrong length before anything is sent. */
  async function checkLength(file: File, signal: AbortSignal) {
    const seconds = await readVideoDuration(file, { signal });
    // Rounded to a tenth of a second, as the form shows and submits it.
    const issue = seconds === undefined ? undefined : checkVideoDuration(roundDuration(seconds), options.limits);
    if (issue)
      throw new KlingError("invalid_input", { message: issue.message, fieldErrors: { video_duration: issue } });
  }

  return async function uploadFile(file, { onProgress, signal }) {
    signal.throwIfAborted();
    const request = uploadRequestOf(file);
    const issue = checkUpload(request, options.limits);
    if (issue) throw new KlingError("invalid_input", { message: issue.message });
    if (request.kind === "video") await checkLength(file, signal);

    let ticket: UploadTicket | undefined;
    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      try {
        // A ticket that was just handed out is used once whatever this machine's clock says.
        if (ticket && expiresSoon(ticket)) ticket = undefined;
        ticket ??= await requestTicket(request, signal);
        onProgress(0);
        const outcome = await putFile(ticket.uploadUrl, ticket.headers, file, {
          onProgress,
          signal,
          createXhr,
          stallTimeoutMs,
        });
        if (outcome.ok) {
          signal.throwIfAborted();
          onProgress(1);
          return ticket.url;
        }
        failure = judge(outcome, ticket);
      } catch (error) {
        signal.throwIfAborted();
        // Asking for a ticket again is harmless: nothing was sent or signed for good.
        if (!(error instanceof KlingError) || !error.isTransient || error.code === "bad_response") throw error;
        failure = { retry: true, error, waitMs: error.retryAfterMs };
      }
      if (failure.renew) ticket = undefined;
      if (!failure.retry || attempt >= maxAttempts) throw failure.error;
      const wait = failure.renew
        ? 0
        : failure.waitMs === undefined
          ? retryDelayMs(attempt)
          : Math.min(failure.waitMs, MAX_RETRY_AFTER_MS);
      await sleep(wait, signal);
    }
  };
}
