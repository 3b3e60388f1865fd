import type { KlingErrorCode } from "./errors";
import type { KlingJobStatus, NormalizedEditInput } from "./types";
import type { FieldErrors } from "./validate";

/**
 * The proxy contract, in one place: the paths below the proxy URL (and, for the first two,
 * below PixelDojo's API root), the shape of a job id, and the body of every error the proxy
 * writes itself. The browser client, the server and the simulated backend all import these.
 */

/** Submit an edit (POST). The one model this library drives. */
export const RUN_PATH = "/models/kling-video-edit/run";
/** The caller's own jobs (GET, proxy only); a job is `JOBS_PATH/{jobId}`. */
export const JOBS_PATH = "/jobs";
/** PixelDojo's webhook deliveries land at `WEBHOOKS_PATH/{token}` (POST, proxy only). */
export const WEBHOOKS_PATH = "/webhooks";
/** Signed uploads of a user's own files (POST, proxy only). */
export const UPLOADS_PATH = "/uploads";

/** Job ids PixelDojo hands out fit this; anything else never reaches an upstream URL. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** Webhook tokens the proxy hands out: 32 random bytes, base64url. */
export const WEBHOOK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Request header with a job's ownership claim (from the submit's answer), on status and events
 * requests: a proxy whose store lost the job's record restores it from the claim, once.
 */
export const CLAIM_HEADER = "x-kling-claim";

/** One job's status (GET). */
export const jobPath = (jobId: string) => `${JOBS_PATH}/${jobId}`;
/** One job's status as a Server-Sent Events stream (GET, proxy only). */
export const jobEventsPath = (jobId: string) => `${jobPath(jobId)}/events`;

/** What a path below the proxy URL asks for; `bad-job-id` is a jobs path with an id that cannot be one. */
export type ContractRoute =
  | { kind: "submit" }
  | { kind: "history" }
  | { kind: "status"; jobId: string }
  | { kind: "events"; jobId: string }
  | { kind: "webhook"; token: string }
  | { kind: "uploads" }
  | { kind: "bad-job-id" }
  | { kind: "unknown" };

/** Methods each route answers (OPTIONS and, for GET routes, HEAD besides). */
export const ROUTE_METHODS = {
  submit: "POST",
  history: "GET",
  status: "GET",
  events: "GET",
  webhook: "POST",
  uploads: "POST",
} as const satisfies Record<Exclude<ContractRoute["kind"], "bad-job-id" | "unknown">, "GET" | "POST">;

/** An exact match of a (decoded) path below the proxy root against the contract. */
export function matchContractPath(path: string | undefined): ContractRoute {
  if (path === RUN_PATH) return { kind: "submit" };
  if (path === JOBS_PATH) return { kind: "history" };
  if (path === UPLOADS_PATH) return { kind: "uploads" };
  if (path?.startsWith(`${WEBHOOKS_PATH}/`)) {
    const token = path.slice(WEBHOOKS_PATH.length + 1);
    // A malformed token is answered like an unknown one: no hint about the shape.
    return { kind: "webhook", token: WEBHOOK_TOKEN_PATTERN.test(token) ? token : "" };
  }
  if (path?.startsWith(`${JOBS_PATH}/`)) {
    const rest = path.slice(JOBS_PATH.length + 1);
    const events = rest.endsWith("/events");
    const jobId = events ? rest.slice(0, -"/events".length) : rest;
    if (!JOB_ID_PATTERN.test(jobId)) return { kind: "bad-job-id" };
    return events ? { kind: "events", jobId } : { kind: "status", jobId };
  }
  return { kind: "unknown" };
}

/** The JSON body of every answer the proxy writes itself; the browser client reads it. */
export interface KlingProxyErrorBody {
  error: {
    code: KlingErrorCode;
    message: string;
    fieldErrors?: FieldErrors;
  };
}

/** One past edit, as `GET {proxyUrl}/jobs` lists it. */
export interface KlingHistoryItem {
  jobId: string;
  /** The last status the server saw; a running job's status is current once it is watched. */
  status: KlingJobStatus;
  /** When the edit was accepted (ISO date). */
  createdAt: string;
  /** What was asked: the validated input that went upstream. */
  input: NormalizedEditInput;
  creditCost?: number;
  /** The edited video, once completed (until `expiresAt`). */
  output?: { video?: string };
  /** Why it failed, as the upstream said. */
  error?: string;
  /** ISO date after which the job and its output are gone. */
  expiresAt: string;
}

/** The answer of `GET {proxyUrl}/jobs[?cursor=…&limit=…]`: newest first. */
export interface KlingHistoryPage {
  jobs: KlingHistoryItem[];
  /** Pass as `?cursor=` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** Jobs per history page, unless `?limit=` (1 to `MAX_HISTORY_LIMIT`) says otherwise. */
export const DEFAULT_HISTORY_LIMIT = 20;
export const MAX_HISTORY_LIMIT = 100;
