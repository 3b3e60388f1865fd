import { baseUrl } from "./base-url";
import { CLAIM_HEADER, jobEventsPath, JOBS_PATH, jobPath, RUN_PATH, type KlingHistoryPage } from "./contract";
import { readEvents, type StreamEnd } from "./stream";
import { KlingError } from "./errors";
import type { KlingLimits } from "./limits";
import { sleep } from "./sleep";
import { callProxy, proxyFetch, proxyHeaders, requestFailure as fail, type ProxyTransport } from "./transport";
import { isTerminalStatus, type KlingEditInput, type KlingJob } from "./types";
import { validateEditInput } from "./validate";

export { errorFromResponse, type HeadersOption } from "./transport";

export interface KlingClientOptions extends ProxyTransport {
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

export interface StreamJobOptions {
  signal?: AbortSignal;
  /** The id of the last event seen, to resume after it (`Last-Event-ID`). */
  lastEventId?: string;
  /** Each status the stream brings, with its event id. */
  onJob: (job: KlingJob, eventId: string | undefined) => void;
  /** Until the first bytes (the server writes at once): longer means a buffering proxy. Default 5 s. */
  openTimeoutMs?: number;
  /** Between any two reads (the server beats every 15 s): longer means a dead connection. Default 45 s. */
  idleTimeoutMs?: number;
}

/** The calls the hooks make for one edit: `KlingClient` without the history (the provider's client). */
export interface KlingJobClient {
  readonly proxyUrl: string;
  /**
   * Validates, then sends one POST. Throws `KlingError`; resends only after a 429. `signal`
   * stops the wait before a resend; a POST already sent is never aborted (it may be charged).
   */
  submitEdit(input: KlingEditInput, options?: RequestOptions): Promise<KlingJob>;
  getJob(jobId: string, options?: RequestOptions): Promise<KlingJob>;
  /**
   * Follows a job's event stream (`GET {proxyUrl}/jobs/{id}/events`) until it ends, and says
   * how: never throws but for the signal's abort.
   */
  streamJob(jobId: string, options: StreamJobOptions): Promise<StreamEnd>;
  /**
   * Sends `claim` (the job's `claim`, kept from its submit's answer) as `X-Kling-Claim` on
   * this job's status and events requests: for a job submitted before a reload (or by another
   * client); `undefined` sends none. The client already does this for the jobs it submitted.
   */
  rememberClaim(jobId: string, claim: string | undefined): void;
}

/** One page of the caller's jobs: `cursor` from the last page's `nextCursor`, `limit` 1–100. */
export interface HistoryPageRequest {
  cursor?: string;
  limit?: number;
}

export interface KlingClient extends KlingJobClient {
  /** One page of the caller's own jobs, newest first (`GET {proxyUrl}/jobs`). */
  listJobs(page?: HistoryPageRequest, options?: RequestOptions): Promise<KlingHistoryPage>;
}

/**
 * `KlingClient.listJobs` on its own (`GET {proxyUrl}/jobs`): `useKlingHistory` calls it with the
 * provider's `fetch` and `headers`, so that pages without a history do not carry it.
 */
export async function listJobs(
  options: KlingClientOptions,
  { cursor, limit }: HistoryPageRequest = {},
  { signal }: RequestOptions = {},
): Promise<KlingHistoryPage> {
  const query = new URLSearchParams();
  if (cursor) query.set("cursor", cursor);
  if (limit !== undefined) query.set("limit", String(limit));
  const search = query.toString();
  const { body, status } = await callProxy(options, `${JOBS_PATH}${search ? `?${search}` : ""}`, {
    method: "GET",
    signal,
  });
  const page = body as KlingHistoryPage | null;
  if (!Array.isArray(page?.jobs)) throw fail({ signal }, "bad_response", undefined, status, undefined);
  return page;
}

/** A client for the proxy contract: `POST {proxyUrl}/models/kling-video-edit/run`, `GET {proxyUrl}/jobs/{id}`, `GET {proxyUrl}/jobs`. */
export function createKlingClient(options: KlingClientOptions): KlingClient {
  return { ...createJobClient(options), listJobs: (page, requestOptions) => listJobs(options, page, requestOptions) };
}

/** `createKlingClient` without `listJobs`: what `KlingProvider` gives the hooks. */
export function createJobClient(options: KlingClientOptions): KlingJobClient {
  // Each job's ownership claim: a proxy that lost the job's record (a store outage, a restart)
  // restores it from the claim instead of answering 404 to its owner. Kept for the page's life
  // (a few KB per paid edit), so that any later request for the job still carries it.
  const claims = new Map<string | undefined, string | undefined>();

  async function send(path: string, init: RequestInit, jobId?: string): Promise<KlingJob> {
    const isSubmit = init.method === "POST";
    const { body, status } = await callProxy(options, path, init, jobId, { [CLAIM_HEADER]: claims.get(jobId) });
    const job = body as KlingJob | null;
    if (typeof job?.jobId !== "string" || !job.jobId) throw fail(init, "bad_response", undefined, status, jobId);
    // An accepted submit is a paid job: keep it even if its answer forgot the status.
    if (typeof job.status !== "string") {
      if (!isSubmit) throw fail(init, "bad_response", undefined, status, jobId);
      job.status = "pending";
    }
    if (isSubmit) claims.set(job.jobId, job.claim);
    return job;
  }

  return {
    proxyUrl: baseUrl(options.proxyUrl),
    rememberClaim: (jobId, claim) => void claims.set(jobId, claim),
    async submitEdit(input, { signal } = {}) {
      const checked = validateEditInput(input, options.limits);
      if (!checked.ok) throw new KlingError("invalid_input", { fieldErrors: checked.errors });
      for (let attempt = 0; ; attempt++) {
        // The signal stops waiting and any attempt not yet sent; an attempt already sent is
        // never abandoned, since it may have been charged and its answer names the job.
        signal?.throwIfAborted();
        try {
          return await send(RUN_PATH, { method: "POST", body: JSON.stringify(checked.value) });
        } catch (error) {
          // Only a 429 is safe to resend: the request was refused and nothing was charged.
          const wait =
            (error as KlingError).code === "rate_limited" ? ((error as KlingError).retryAfterMs ?? 1000) : -1;
          if (wait < 0 || attempt >= (options.maxRateLimitRetries ?? 2) || wait > (options.maxRetryAfterMs ?? 30_000)) {
            throw error;
          }
          await sleep(wait, signal);
        }
      }
    },
    async getJob(jobId, { signal } = {}) {
      if (!jobId) throw new KlingError("not_found", { message: "No job id was given." });
      return send(jobPath(encodeURIComponent(jobId)), { method: "GET", signal }, jobId);
    },
    async streamJob(jobId, { signal, lastEventId, onJob, openTimeoutMs = 5_000, idleTimeoutMs = 45_000 }) {
      const headers = await proxyHeaders(options, {
        accept: "text/event-stream",
        "last-event-id": lastEventId,
        [CLAIM_HEADER]: claims.get(jobId),
      });
      // Left while the headers were awaited: an abort listener added now would never fire.
      signal?.throwIfAborted();
      // The signal aborts the request until its answer arrives; after that it cancels the body,
      // which closes a stream as surely and leaves the fetch itself settled.
      const request = new AbortController();
      const abort = () => request.abort(signal?.reason);
      signal?.addEventListener("abort", abort, { once: true });
      // The server answers at once: an answer held back means something buffers it.
      let held = false;
      const timer = setTimeout(() => {
        held = true;
        request.abort();
      }, openTimeoutMs);
      let response: Response;
      try {
        response = await proxyFetch(
          options,
          jobEventsPath(encodeURIComponent(jobId)),
          { signal: request.signal },
          headers,
        );
      } catch {
        signal?.throwIfAborted();
        return held ? "buffered" : "dropped";
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
      }
      const { status, body } = response;
      if (!response.ok || !body || !/^text\/event-stream/i.test(response.headers.get("content-type") ?? "")) {
        await body?.cancel().catch(() => undefined);
        // Trouble that passes (a 5xx, a 429) is tried again; a route that is not there is not.
        if (status >= 500 || status === 429 || status === 408) return "dropped";
        if (status === 404) return "not_found";
        return status === 405 || response.ok ? "unsupported" : "refused";
      }
      const end = await readEvents(body, {
        signal,
        openTimeoutMs,
        idleTimeoutMs,
        onEvent({ event, data, id }) {
          if (event !== "status") return undefined;
          let job: KlingJob;
          try {
            job = JSON.parse(data) as KlingJob;
          } catch {
            return undefined;
          }
          if (typeof job?.jobId !== "string" || typeof job.status !== "string") return undefined;
          onJob(job, id);
          return isTerminalStatus(job.status);
        },
      });
      signal?.throwIfAborted();
      return end;
    },
  };
}
