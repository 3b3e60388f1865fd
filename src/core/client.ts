import { codeForStatus, KlingError } from "./errors";
import { parseRetryAfter } from "./retry-after";
import type { KlingLimits } from "./limits";
import type { KlingEditInput, KlingJob } from "./types";
import { validateEditInput, type FieldErrors } from "./validate";

/** Path of the one model this library drives, relative to the proxy (and to PixelDojo). */
export const RUN_PATH = "/models/kling-video-edit/run";
export const JOBS_PATH = "/jobs/";

export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

export interface KlingClientOptions {
  /** Where the app mounted its proxy, e.g. `/api/kling`. */
  proxyUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra headers for the app's own auth to its proxy; a function is called per request. */
  headers?: HeadersOption;
  /** Overrides of the published model limits, used by the validation before submit. */
  limits?: Partial<KlingLimits>;
  /** How many times a submit refused with 429 is sent again (nothing was charged). Default 2. */
  maxRateLimitRetries?: number;
  /** Longest `Retry-After` the client waits for by itself before giving up. Default 30 s. */
  maxRetryAfterMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface KlingClient {
  readonly proxyUrl: string;
  /** Validates, then sends one POST. Throws `KlingError`; resends only after a 429. */
  submitEdit(input: KlingEditInput, options?: RequestOptions): Promise<KlingJob>;
  getJob(jobId: string, options?: RequestOptions): Promise<KlingJob>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

function isJob(value: unknown): value is KlingJob {
  const job = value as KlingJob | null;
  return (
    typeof job === "object" &&
    job !== null &&
    typeof job.jobId === "string" &&
    job.jobId !== "" &&
    typeof job.status === "string"
  );
}

interface ErrorBody {
  error?: string | { code?: string; message?: string; fieldErrors?: FieldErrors };
  message?: string;
  fieldErrors?: FieldErrors;
}

/** A `KlingError` for a non-2xx answer, keeping the server's own words when it gave any. */
export async function errorFromResponse(response: Response, jobId?: string): Promise<KlingError> {
  let body: ErrorBody = {};
  try {
    body = ((await response.json()) ?? {}) as ErrorBody;
  } catch {
    // A body that is not JSON carries no detail worth showing.
  }
  const detail = typeof body.error === "object" ? body.error : { message: body.error ?? body.message };
  return new KlingError(codeForStatus(response.status), {
    status: response.status,
    message: typeof detail.message === "string" ? detail.message : undefined,
    fieldErrors: (typeof body.error === "object" ? body.error.fieldErrors : undefined) ?? body.fieldErrors,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    jobId,
  });
}

/** A client for the proxy contract: `POST {proxyUrl}/models/kling-video-edit/run`, `GET {proxyUrl}/jobs/{id}`. */
export function createKlingClient(options: KlingClientOptions): KlingClient {
  const base = options.proxyUrl.replace(/\/+$/, "");
  const maxRetries = options.maxRateLimitRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfterMs ?? 30_000;

  async function send(path: string, init: RequestInit, jobId?: string): Promise<KlingJob> {
    const headers = new Headers(
      typeof options.headers === "function" ? await options.headers() : options.headers,
    );
    headers.set("accept", "application/json");
    if (init.body) headers.set("content-type", "application/json");
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(base + path, { ...init, headers, cache: "no-store" });
    } catch (cause) {
      if (init.signal?.aborted) throw init.signal.reason;
      throw new KlingError("network_error", { cause, jobId });
    }
    if (!response.ok) throw await errorFromResponse(response, jobId);
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      if (init.signal?.aborted) throw init.signal.reason;
      throw new KlingError("bad_response", { status: response.status, cause, jobId });
    }
    if (!isJob(body)) throw new KlingError("bad_response", { status: response.status, jobId });
    return body;
  }

  return {
    proxyUrl: base,
    async submitEdit(input, { signal } = {}) {
      const checked = validateEditInput(input, options.limits);
      if (!checked.ok) throw new KlingError("invalid_input", { fieldErrors: checked.errors });
      const body = JSON.stringify(checked.value);
      for (let attempt = 0; ; attempt++) {
        try {
          return await send(RUN_PATH, { method: "POST", body, signal });
        } catch (error) {
          // Only a 429 is safe to resend: the request was refused and nothing was charged.
          const wait = error instanceof KlingError && error.code === "rate_limited" ? (error.retryAfterMs ?? 1000) : -1;
          if (wait < 0 || attempt >= maxRetries || wait > maxRetryAfter) throw error;
          await sleep(wait, signal);
        }
      }
    },
    async getJob(jobId, { signal } = {}) {
      if (!jobId) throw new KlingError("not_found", { message: "No job id was given." });
      return send(JOBS_PATH + encodeURIComponent(jobId), { method: "GET", signal }, jobId);
    },
  };
}
