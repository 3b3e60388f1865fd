import { jobPath, type KlingHistoryItem } from "../core/contract";
import { outputVideoUrl, type KlingJob } from "../core/types";
import { sanitizeExpiresAt, sanitizeReason, sanitizeStatus } from "./sanitize";
import type { KlingJobRecord, KlingJobUpdate } from "./store/types";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** How long a job is remembered when the upstream's answer gave no (readable) `expiresAt`. */
export const DEFAULT_JOB_TTL_MS = 24 * 3_600_000;

/** What an upstream job answer says of the job, for the store; undefined when it says nothing usable. */
export function jobUpdateFrom(body: unknown, redact: (text: string) => string): KlingJobUpdate | undefined {
  if (!isRecord(body) || typeof body.status !== "string" || !body.status) return undefined;
  const video = outputVideoUrl(body as unknown as KlingJob);
  const reason = sanitizeReason(body.error, redact);
  const update: KlingJobUpdate = { status: sanitizeStatus(body.status, redact) };
  if (video) update.output = { video: redact(video) };
  if (reason) update.error = reason;
  return update;
}

/**
 * What a stored job shows, through the sanitiser once more: a record written before it (or by
 * another store) answers no worse than a fresh one.
 */
function shownOf(record: KlingJobRecord, redact: (text: string) => string) {
  const shown: Pick<KlingJob, "status" | "expiresAt" | "creditCost" | "output" | "error"> = {
    status: sanitizeStatus(record.status, redact),
  };
  const expiresAt = sanitizeExpiresAt(record.expiresAt);
  if (expiresAt) shown.expiresAt = expiresAt;
  if (record.creditCost !== undefined) shown.creditCost = record.creditCost;
  const video = outputVideoUrl(record as unknown as KlingJob);
  if (video) shown.output = { video: redact(video) };
  const reason = sanitizeReason(record.error, redact);
  if (reason) shown.error = reason;
  return shown;
}

/** A stored job as the history route lists it. */
export function historyItem(record: KlingJobRecord, redact: (text: string) => string): KlingHistoryItem {
  const { status, expiresAt, ...rest } = shownOf(record, redact);
  const item: KlingHistoryItem = {
    jobId: record.jobId,
    status,
    createdAt: new Date(record.createdAt).toISOString(),
    input: record.input,
    expiresAt: expiresAt ?? new Date(record.createdAt + DEFAULT_JOB_TTL_MS).toISOString(),
  };
  return Object.assign(item, rest);
}

/** A stored job as the status route (and so the event stream) shows it. */
export function jobView(record: KlingJobRecord, proxyRoot: string, redact: (text: string) => string): KlingJob {
  return { jobId: record.jobId, statusUrl: proxyRoot + jobPath(record.jobId), ...shownOf(record, redact) };
}
