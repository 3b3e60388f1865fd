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

export interface KlingErrorOptions {
  /** Replaces the default message (the upstream's own words, where it gave any). */
  message?: string;
  status?: number;
  retryAfterMs?: number;
  fieldErrors?: FieldErrors;
  jobId?: string;
  cause?: unknown;
}

/** The one error type of the library: every failure has a stable `code`. */
export class KlingError extends Error {
  override readonly name = "KlingError";
  readonly code: KlingErrorCode;
  /** HTTP status, where there was a response. */
  readonly status?: number;
  /** From `Retry-After` on a 429. */
  readonly retryAfterMs?: number;
  readonly fieldErrors?: FieldErrors;
  readonly jobId?: string;

  constructor(code: KlingErrorCode, options: KlingErrorOptions = {}) {
    super(options.message || KLING_ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.fieldErrors = options.fieldErrors;
    this.jobId = options.jobId;
  }

  /** Worth asking again later: the request may succeed unchanged. */
  get isTransient(): boolean {
    return (
      this.code === "network_error" ||
      this.code === "rate_limited" ||
      this.code === "upstream_error" ||
      this.code === "bad_response" ||
      (this.code === "timeout" && this.status === 504)
    );
  }
}

export function isKlingError(value: unknown): value is KlingError {
  return value instanceof KlingError;
}

/** HTTP status to error code, for the proxy contract and PixelDojo alike. */
export function codeForStatus(status: number): KlingErrorCode {
  switch (status) {
    case 400:
    case 422:
      return "invalid_input";
    case 401:
      return "unauthorized";
    case 402:
      return "insufficient_credits";
    case 403:
      return "forbidden";
    case 404:
    case 410:
      return "not_found";
    case 429:
      return "rate_limited";
    case 408:
    case 504:
      return "timeout";
    default:
      return "upstream_error";
  }
}
