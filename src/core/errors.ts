import type { FieldErrors } from "./validate";

/** Stable error codes: switch on these, never on messages. */
export type KlingErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "insufficient_credits"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "upstream_error"
  | "network_error"
  | "bad_response"
  | "job_failed"
  | "expired"
  | "timeout";

/** Default English message per code; components take translations through `labels`. */
export const KLING_ERROR_MESSAGES: Record<KlingErrorCode, string> = {
  invalid_input: "Some fields need attention.",
  unauthorized: "The video service refused the request: not signed in.",
  insufficient_credits: "Not enough credits left for this edit.",
  forbidden: "This account may not run this edit.",
  not_found: "The job was not found.",
  rate_limited: "Too many requests right now.",
  upstream_error: "The video service had a problem.",
  network_error: "The network connection was lost.",
  bad_response: "The video service sent an answer that could not be read.",
  job_failed: "The edit failed.",
  expired: "This result has expired.",
  timeout: "The edit took too long to finish.",
};

export const KLING_ERROR_CODES = /* @__PURE__ */ Object.keys(KLING_ERROR_MESSAGES) as KlingErrorCode[];

export interface KlingErrorOptions {
  /** Replaces the default message (the upstream's own words, where it gave any). */
  message?: string;
  status?: number;
  retryAfterMs?: number;
  fieldErrors?: FieldErrors;
  jobId?: string;
  /**
   * A submit failed in a way that does not prove it was refused (no answer, a 5xx, a timeout,
   * an unreadable answer): the job may have started and been charged.
   */
  maybeCharged?: boolean;
  cause?: unknown;
}

const TRANSIENT: readonly KlingErrorCode[] = ["network_error", "rate_limited", "upstream_error", "bad_response"];

/** The one error type of the library: every failure has a stable `code`. */
export class KlingError extends Error {
  declare readonly code: KlingErrorCode;
  /** HTTP status, where there was a response. */
  declare readonly status?: number;
  /** From `Retry-After` on a 429. */
  declare readonly retryAfterMs?: number;
  declare readonly fieldErrors?: FieldErrors;
  declare readonly jobId?: string;
  /** See `KlingErrorOptions.maybeCharged`: sending the same edit again may charge twice. */
  declare readonly maybeCharged?: boolean;

  constructor(code: KlingErrorCode, { message, cause, ...details }: KlingErrorOptions = {}) {
    super(message || KLING_ERROR_MESSAGES[code], { cause });
    this.name = "KlingError";
    Object.assign(this, details, { code });
  }

  /** Worth asking again later: the same request may succeed. A 504 is; a watch deadline is not. */
  get isTransient(): boolean {
    return TRANSIENT.includes(this.code) || (this.code === "timeout" && this.status === 504);
  }
}

export function isKlingError(value: unknown): value is KlingError {
  return value instanceof KlingError;
}

const CODE_BY_STATUS: Record<number, KlingErrorCode> = {
  400: "invalid_input",
  405: "invalid_input",
  413: "invalid_input",
  415: "invalid_input",
  422: "invalid_input",
  401: "unauthorized",
  402: "insufficient_credits",
  403: "forbidden",
  404: "not_found",
  410: "expired",
  429: "rate_limited",
  408: "timeout",
  504: "timeout",
};

/** HTTP status to error code, for the proxy contract and PixelDojo alike. */
export function codeForStatus(status: number): KlingErrorCode {
  return CODE_BY_STATUS[status] ?? "upstream_error";
}
