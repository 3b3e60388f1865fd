import { JOB_ID_PATTERN } from "../core/contract";
import { TERMINAL_JOB_STATUSES } from "../core/types";

/**
 * The one gate for what the upstream says before the proxy stores it or answers with it:
 * answers (submit, status, events), history and both stores see only what passed here. An
 * upstream that echoes the request (the `Authorization` header included) into any field must
 * not put the key, or a value the browser would misread, in front of a user.
 */

/** Statuses the API family documents, and the endings other job APIs report. */
const KNOWN_STATUSES = new Set(["pending", "processing", "queued", "running", "starting", ...TERMINAL_JOB_STATUSES]);
/** An undocumented status word is kept only when it looks like one: short, lower-case, no spaces. */
const STATUS_TOKEN = /^[a-z][a-z_-]{0,23}$/;
/** What a status that is not a status becomes: unknown, so still running (the deadline still holds). */
export const UNREADABLE_STATUS = "unknown";

/** ISO 8601 date-time with a zone, as PixelDojo writes `expiresAt`; `Date.parse` alone takes far more. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const MAX_STATUS_LENGTH = 24;
export const MAX_ERROR_LENGTH = 2_000;
const MAX_DEPTH = 8;

type Redact = (text: string) => string;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A status from the known set or the short token pattern, after redaction; anything else is unreadable. */
export function sanitizeStatus(value: unknown, redact: Redact): string {
  if (typeof value !== "string") return UNREADABLE_STATUS;
  const status = redact(value)
    .trim()
    .toLowerCase()
    .slice(0, MAX_STATUS_LENGTH + 1);
  if (KNOWN_STATUSES.has(status)) return status;
  return status.length <= MAX_STATUS_LENGTH && STATUS_TOKEN.test(status) ? status : UNREADABLE_STATUS;
}

/** `expiresAt` as an ISO 8601 instant (normalised to UTC), or undefined when it is not one. */
export function sanitizeExpiresAt(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 40 || !ISO_DATE_TIME.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Every string inside `value` (keys too) redacted, to a bounded depth (deeper parts are dropped). */
export const redactStrings = (value: unknown, redact: Redact): unknown => redactDeep(value, redact, 0);

function redactDeep(value: unknown, redact: Redact, depth: number): unknown {
  if (typeof value === "string") return redact(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, depth + 1));
  const copy: Record<string, unknown> = {};
  // Keys are text that leaves the server too.
  for (const [key, item] of Object.entries(value)) copy[redact(key)] = redactDeep(item, redact, depth + 1);
  return copy;
}

/**
 * An upstream job answer (submit or status) as the browser may see it: every string redacted,
 * `status` readable, `expiresAt` an ISO instant or absent, `jobId` one of ours or absent.
 * Anything that is not a JSON object passes with its strings redacted.
 */
export function sanitizeJobAnswer(body: unknown, redact: Redact): unknown {
  const clean = redactStrings(body, redact);
  if (!isRecord(clean)) return clean;
  if ("status" in clean) clean.status = sanitizeStatus(clean.status, redact);
  if ("expiresAt" in clean) {
    const expiresAt = sanitizeExpiresAt(clean.expiresAt);
    if (expiresAt) clean.expiresAt = expiresAt;
    else delete clean.expiresAt;
  }
  if ("jobId" in clean && !(typeof clean.jobId === "string" && JOB_ID_PATTERN.test(clean.jobId))) delete clean.jobId;
  return clean;
}

/** A reason a person reads: redacted and bounded; undefined when there is none. */
export function sanitizeReason(value: unknown, redact: Redact): string | undefined {
  const reason = isRecord(value) ? value.message : value;
  // Redacted before it is cut, so no part of the key survives at the cut.
  return typeof reason === "string" && reason ? redact(reason).slice(0, MAX_ERROR_LENGTH) : undefined;
}
