import type { KlingLimits } from "../core/limits";
import type { NormalizedEditInput } from "../core/types";

/** What a request asks the proxy to do, once it has been parsed and validated. */
export type KlingProxyAction =
  /** Start an edit: costs credits. `input` is the validated value that will be sent upstream. */
  | { type: "submit"; input: NormalizedEditInput }
  /** Read a job's status: free, but reveals the job's output. */
  | { type: "status"; jobId: string };

/**
 * The integrator's decision. Only `true` lets the request through; `false` (or any other value)
 * answers 403. A `Response` is sent to the browser as it is, for an app that wants its own 401
 * or redirect. A throw answers 500 and is logged: the proxy fails closed.
 */
export type KlingProxyDecision = boolean | Response;

export type KlingProxyAuthorize = (
  request: Request,
  action: KlingProxyAction,
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
    | "internal_error";
  /** HTTP method of the incoming request. */
  method: string;
  /** Path of the incoming request (no query string: it may carry tokens). */
  path: string;
  /** Status the proxy answered with. */
  status: number;
  /** Status the upstream answered with, when it answered. */
  upstreamStatus?: number;
  /** Time spent upstream, when the request went there. */
  durationMs?: number;
  message: string;
  /** The error behind an `error` event, redacted and reduced to plain text. */
  error?: KlingProxyErrorInfo;
}

export type KlingProxyLogger = (event: KlingProxyLogEvent) => void;

export interface KlingProxyOptions {
  /**
   * Decides who may spend credits (submit) and read jobs (status). Required on purpose: a
   * proxy that anyone can call spends the account's credits for anyone.
   */
  authorize: KlingProxyAuthorize;
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

/** A Web-standard handler, with the settings an adapter needs to serve it. */
export interface KlingProxyHandler {
  (request: Request): Promise<Response>;
  /** The normalised `basePath`: `""` or `/segments` without a trailing slash. */
  readonly basePath: string;
  readonly maxBodyBytes: number;
}

export type { KlingProxyErrorBody } from "../core/contract";
