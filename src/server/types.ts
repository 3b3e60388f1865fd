import type { KlingHistoryItem } from "../core/contract";
import type { KlingLimits, PricingFunction } from "../core/limits";
import type { PollingOptions } from "../core/schedule";
import type { NormalizedEditInput } from "../core/types";
import type { UploadKind } from "../core/uploads";
import type { KlingUploads } from "./uploads/types";
import type { KlingSpendLimit, KlingStore, KlingUploadLimit, KlingUpstreamBudget } from "./store/types";

/** What a request asks the proxy to do, once it has been parsed and validated. */
export type KlingProxyAction =
  /** Start an edit: costs credits. `input` is the validated value that will be sent upstream. */
  | { type: "submit"; input: NormalizedEditInput }
  /** Read a job's status (or its event stream): free, but reveals the job's output. */
  | { type: "status"; jobId: string }
  /** List the caller's own jobs. */
  | { type: "history" }
  /** Sign an upload of one file (checked against the model's limits already). */
  | { type: "upload"; kind: UploadKind; contentType: string; size: number; name: string };

/**
 * Names the user a request comes from: a non-empty string of at most 256 characters (your
 * session's user id). `null` or `undefined` means anonymous, refused with 401. Anything else is
 * a bug in the app: answered 500 and logged, never let through.
 */
export type KlingProxyIdentify = (request: Request) => string | null | undefined | Promise<string | null | undefined>;

/** What the proxy knows of the caller when it asks `authorize`. */
export interface KlingProxyCaller {
  /** `identify`'s answer; `undefined` with `ownership: false` and no `identify`. */
  user: string | undefined;
}

/** An upload limit for everyone, or per user (`undefined`: no limit for this one). */
export type KlingUploadLimitOption =
  | KlingUploadLimit
  | ((user: string | undefined) => KlingUploadLimit | undefined | Promise<KlingUploadLimit | undefined>);

/** How many event streams one user may hold open at once, on all instances together. */
export interface KlingStreamLimit {
  perUser: number;
}

/** A spend limit for everyone, or per user (`undefined`: no limit for this one). */
export type KlingSpendLimitOption =
  KlingSpendLimit | ((user: string | undefined) => KlingSpendLimit | undefined | Promise<KlingSpendLimit | undefined>);

/**
 * The integrator's decision. Only `true` lets the request through; `false` (or any other value)
 * answers 403. A `Response` is sent to the browser as it is, for an app that wants its own 401
 * or redirect. A throw answers 500 and is logged: the proxy fails closed.
 */
export type KlingProxyDecision = boolean | Response;

export type KlingProxyAuthorize = (
  request: Request,
  action: KlingProxyAction,
  caller: KlingProxyCaller,
) => KlingProxyDecision | Promise<KlingProxyDecision>;

/** An error as the logger sees it: plain text, the API key redacted. */
export interface KlingProxyErrorInfo {
  name: string;
  message: string;
  stack?: string;
}

/** One line worth logging. Never holds the API key: every text in it has been redacted. */
export interface KlingProxyLogEvent {
  level: "info" | "warn" | "error";
  /** What happened, stable enough to count or alert on. */
  event:
    | "forwarded"
    | "refused"
    | "authorize_failed"
    | "upstream_timeout"
    | "upstream_unreachable"
    | "upstream_bad_response"
    | "identify_failed"
    | "store_failed"
    | "job_restored"
    | "watch_failed"
    | "job_finished"
    | "finish_failed"
    | "webhook"
    | "internal_error";
  /** HTTP method of the incoming request; `WATCH` or `FINISH` for the server's own work on a job. */
  method: string;
  /** Path of the incoming request (no query string: it may carry tokens), or of the job the work is about. */
  path: string;
  /** Status the proxy answered with; absent for the server's own work. */
  status?: number;
  /** Status the upstream answered with, when it answered. */
  upstreamStatus?: number;
  /** Time spent upstream, when the request went there. */
  durationMs?: number;
  message: string;
  /** The error behind an `error` event, redacted and reduced to plain text. */
  error?: KlingProxyErrorInfo;
}

export type KlingProxyLogger = (event: KlingProxyLogEvent) => void;

/**
 * The options of `createKlingProxy`. `identify` is required, as the proxy checks at start-up:
 * jobs belong to the user who submitted them. Only with `ownership: false` may it be left out,
 * and then without `uploads` (each user's files need a folder of their own).
 */
export type KlingProxyOptions =
  | (KlingProxyCommonOptions & {
      /**
       * Names the user behind a request: jobs belong to the user who submitted them, and spend
       * limits count per user.
       */
      identify: KlingProxyIdentify;
    })
  | (KlingProxyCommonOptions & { ownership: false; identify?: KlingProxyIdentify; uploads?: undefined });

/** The options of `createKlingProxy` besides `identify` (see `KlingProxyOptions`). */
export interface KlingProxyCommonOptions {
  /**
   * Decides who may spend credits (submit) and read jobs (status, history). Required on
   * purpose: a proxy that anyone can call spends the account's credits for anyone.
   */
  authorize: KlingProxyAuthorize;
  /**
   * Default `true`: a job is readable only by the user who submitted it; any other caller gets
   * the 404 of an unknown job. `false` is the exception for apps whose users share every job
   * (a team tool): every authorised caller may read every job id.
   */
  ownership?: boolean;
  /**
   * Credits a user may spend in a sliding window, checked and reserved atomically before a
   * submit goes upstream (on every instance, with a shared store). Over it: 429 with
   * `Retry-After` and code `quota_exceeded`. Default: no limit.
   */
  spendLimit?: KlingSpendLimitOption;
  /** The estimate reserved against `spendLimit` before the upstream reports the real cost. Default `estimateCredits`. */
  pricing?: PricingFunction;
  /**
   * Files a user may have signed for upload: at most `count` files and `bytes` bytes in any
   * `windowMs` (a sliding window), checked and reserved atomically in the store (across
   * instances) before anything is signed. Over it: 429 with `Retry-After` and code
   * `quota_exceeded`. A function gives a limit per user (`undefined`: none for that user).
   * Default, whenever `uploads` is set: `DEFAULT_UPLOAD_LIMIT` (100 files and 2 GiB an hour);
   * `false` turns it off.
   */
  uploadLimit?: false | KlingUploadLimitOption;
  /**
   * Event streams one user may hold open at once, on all instances together (each stream's
   * place expires unless its instance renews it on every heartbeat, so a dead instance's
   * streams free theirs). One more is answered 429 and that tab polls the job instead.
   * Counted by the user `identify` names; without `identify` nothing is counted. Default
   * `{ perUser: DEFAULT_STREAMS_PER_USER }` (20); `false` turns it off.
   */
  streamLimit?: false | KlingStreamLimit;
  /**
   * Where ownership, history and spend windows are kept. Default: in this process's memory
   * (a restart forgets them). Use `createRedisStore` from `react-kling-edit/server/redis` for
   * several instances.
   */
  store?: KlingStore;
  /**
   * Push: `GET {proxyUrl}/jobs/{jobId}/events` streams a job's status (Server-Sent Events) to
   * every tab that watches it, from one server-side watch per job for all instances. Default
   * on; `false` turns the route off (the browser then polls, as before).
   */
  push?: false | KlingPushOptions;
  /**
   * PixelDojo webhooks: each submit carries `webhook_url: {publicUrl}/webhooks/{token}` with an
   * unguessable token per job, and `POST {proxyUrl}/webhooks/{token}` re-reads the job
   * upstream (a delivery is only a nudge: nothing in it is believed). Polling stays the
   * fallback, at a slower pace. Off unless set.
   */
  webhooks?: KlingWebhookOptions;
  /**
   * Called once per job, across all instances sharing the store, when it ends (completed,
   * failed, or expired: its deadline passed without an ending), with the job and its owner:
   * copy the output (a temporary URL) to your own storage here. A throw is logged and the call
   * retried a minute later, on whichever instance comes first, until the job expires. Setting
   * it makes the server watch every job from its submit, whether or not a tab is open.
   */
  onJobFinished?: (job: KlingHistoryItem, owner: string) => void | Promise<void>;
  /**
   * At most `requests` upstream status reads in any `windowMs`, by all instances sharing the
   * store together (counted in the store). The server watch then reads its jobs in turn, the one
   * that waited longest first; a status request over the budget is answered from the stored
   * record; a 429 from the upstream holds every read until its Retry-After passes. Submits never
   * count. Off unless set; needs a store with `takeBudget` and `holdBudget`.
   */
  upstreamBudget?: KlingUpstreamBudget;
  /**
   * Uploads of a user's own files: `POST {proxyUrl}/uploads` signs one PUT per file on your
   * storage (`s3Uploads({...})` for any S3-compatible one, or your own `KlingUploads`), after
   * `identify`, the model's type and size limits and `authorize` (action `upload`). Off unless set.
   */
  uploads?: KlingUploads;
  /** PixelDojo API key. Default: `process.env.PIXELDOJO_API_KEY` where there is a `process`. */
  apiKey?: string;
  /** API root the two calls go to. Default PixelDojo's `https://pixeldojo.ai/api/v1`. */
  upstream?: string;
  /** The `fetch` used upstream. Default the global one; tests pass a fake backend's. */
  fetch?: typeof fetch;
  /** The path the app serves the proxy under, e.g. `/api/kling`. Default `""` (the root). */
  basePath?: string;
  /** Largest submit body accepted, in bytes, counted while it streams in. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Time a request body (submit, upload request, webhook delivery) has to arrive whole, from
   * the request's arrival; a slower one is answered 408 and its connection closed, so a client
   * trickling bytes holds nothing for long. Default 10 s. `toNodeHandler` enforces it on the
   * socket too, so it governs rather than Node's own `requestTimeout` (300 s unless the server
   * sets a shorter one).
   */
  bodyTimeoutMs?: number;
  /**
   * CSRF defence: a submit or upload request a browser marks `Sec-Fetch-Site: cross-site` (made
   * by another site's page) is refused 403 `forbidden`, unless its `Origin` is one of these
   * exact origins, e.g. `["https://admin.example.com"]` (scheme, host and port; no path). Same-site
   * requests always pass; webhooks are exempt (their token is the check). Default: none.
   */
  allowedOrigins?: string[];
  /** Time the upstream has to answer (headers and body) before the proxy answers 504. Default 30 s. */
  timeoutMs?: number;
  /** Overrides of the model limits, used when validating a submit. */
  limits?: Partial<KlingLimits>;
  /**
   * Receives one event per request. Default: `error` events go to `console.error`, the rest
   * nowhere. The API key is redacted from everything it receives.
   */
  log?: KlingProxyLogger;
}

/** How the server watches jobs and streams them. */
export interface KlingPushOptions {
  /** A comment line on every open stream at least this often, so idle connections stay open. Default 15 s. */
  heartbeatMs?: number;
  /**
   * The server watch's schedule upstream. Default the browser's (2 s, then every 5 s); with
   * webhooks on, a slower fallback (10 s, then every 30 s).
   */
  polling?: PollingOptions;
  /** How often each instance looks for due work (watch reads, hand-overs). Default 500 ms. */
  tickMs?: number;
  /**
   * How long an instance's claim on a job's next read lasts: if it dies meanwhile, another
   * instance takes the watch over once this has passed. Default `timeoutMs` + 5 s.
   */
  leaseMs?: number;
}

export interface KlingWebhookOptions {
  /** The proxy's public URL as PixelDojo reaches it, e.g. `https://app.example.com/api/kling`. */
  publicUrl: string;
  /** Largest delivery read, bytes; more is answered 413 unread. Default 64 KiB. */
  maxBodyBytes?: number;
  /** At most one upstream read per job per this interval, whatever arrives. Default 2 s. */
  minIntervalMs?: number;
}

/** A Web-standard handler, with the settings an adapter needs to serve it. */
export interface KlingProxyHandler {
  (request: Request): Promise<Response>;
  /** The normalised `basePath`: `""` or `/segments` without a trailing slash. */
  readonly basePath: string;
  readonly maxBodyBytes: number;
  /** See `KlingProxyOptions.bodyTimeoutMs`; the Node adapter cuts slow bodies off on the socket by it. */
  readonly bodyTimeoutMs: number;
  /** Event streams open on this instance now (0 with push off). */
  readonly openStreams: number;
}

export type { KlingProxyErrorBody } from "../core/contract";
