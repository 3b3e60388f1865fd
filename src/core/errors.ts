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
  | "timeout"
  | "quota_exceeded"
  | "internal_error"
  | "clip_unsupported";

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
  quota_exceeded: "You have used up your edits for now.",
  internal_error: "The server could not handle the request.",
  // inspectClip and prepareClip give a longer message that names the codec and what to do.
  clip_unsupported: "This browser cannot read this video.",
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

// A registered symbol, not the class: an app can hold two copies of the library (ESM and
// CommonJS, or two versions) and an error made by one is still recognised by the other.
const BRAND = /* @__PURE__ */ Symbol.for("react-kling-edit.KlingError");

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
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof KlingError` holds for errors made by any copy of the library. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isKlingError(value);
  }

  /**
   * Worth asking again later: the same request may succeed. A 504 is; a watch deadline is not;
   * a 503 is (the proxy's store is failing over or back from an outage).
   */
  get isTransient(): boolean {
    return TRANSIENT.includes(this.code) || (this.code === "timeout" && this.status === 504) || this.status === 503;
  }
}

/** True for a `KlingError` from any entry (or any copy) of the library. */
export function isKlingError(value: unknown): value is KlingError {
  return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** Sending the same edit again cannot help: the account, the input or the result is the problem. */
const NOT_RESENDABLE: readonly KlingErrorCode[] = [
  "insufficient_credits",
  "unauthorized",
  "forbidden",
  "invalid_input",
  "expired",
  "quota_exceeded",
  "clip_unsupported",
];

/**
 * The one rule for "Try again" (a new submit, which costs credits): only after a clear refusal
 * that asking again may fix, or a job that failed. Never for a submit that may have been
 * charged, and never for an accepted job whose watch failed (watch it again instead).
 */
export function canResubmit(error: KlingError): boolean {
  if (error.maybeCharged) return false;
  if (error.code === "job_failed") return true;
  return error.jobId === undefined && !NOT_RESENDABLE.includes(error.code);
}

/**
 * Whether watching an accepted job again may still bring its result (free: no submit): every
 * error of a watch except the job's own ending (failed, or its result expired).
 */
export function canRewatch(error: KlingError): boolean {
  return error.jobId !== undefined && error.code !== "job_failed" && error.code !== "expired";
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
