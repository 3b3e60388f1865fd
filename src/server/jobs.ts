import { jobPath, type KlingHistoryItem } from "../core/contract";
import { outputVideoUrl, type KlingJob } from "../core/types";
import type { KlingJobRecord, KlingJobUpdate } from "./store/types";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Bounds on what is kept of an upstream answer: a status word, and a reason a person reads. */
const MAX_STATUS_LENGTH = 64;
const MAX_ERROR_LENGTH = 2_000;

/** What an upstream job answer says of the job, for the store; undefined when it says nothing usable. */
export function jobUpdateFrom(body: unknown, redact: (text: string) => string): KlingJobUpdate | undefined {
  if (!isRecord(body) || typeof body.status !== "string" || !body.status) return undefined;
  const video = outputVideoUrl(body as unknown as KlingJob);
  const reason = isRecord(body.error) ? body.error.message : body.error;
  const update: KlingJobUpdate = { status: body.status.slice(0, MAX_STATUS_LENGTH) };
  if (video) update.output = { video: redact(video) };
  if (typeof reason === "string" && reason) update.error = redact(reason.slice(0, MAX_ERROR_LENGTH));
  return update;
}

/** A stored job as the history route lists it. */
export function historyItem(record: KlingJobRecord): KlingHistoryItem {
  const item: KlingHistoryItem = {
    jobId: record.jobId,
    status: record.status,
    createdAt: new Date(record.createdAt).toISOString(),
    input: record.input,
    expiresAt: record.expiresAt,
  };
  if (record.creditCost !== undefined) item.creditCost = record.creditCost;
  if (record.output) item.output = record.output;
  if (record.error) item.error = record.error;
  return item;
}

/** A stored job as the status route (and so the event stream) shows it. */
export function jobView(record: KlingJobRecord, proxyRoot: string): KlingJob {
  const job: KlingJob = { jobId: record.jobId, status: record.status, statusUrl: proxyRoot + jobPath(record.jobId), expiresAt: record.expiresAt };
  if (record.creditCost !== undefined) job.creditCost = record.creditCost;
  if (record.output) job.output = record.output;
  if (record.error) job.error = record.error;
  return job;
}
