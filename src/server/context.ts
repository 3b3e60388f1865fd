import type { ClaimSigner } from "./claims";
import type { ProxySettings } from "./options";
import type { PendingWrites } from "./pending";
import type { ServerWatch } from "./push/watch";
import { errorResponse, type ErrorAnswer } from "./responses";
import type { KlingProxyLogEvent, KlingProxyOptions } from "./types";
import type { UpstreamRequest, UpstreamResult } from "./upstream-call";

export type LogInput = Omit<KlingProxyLogEvent, "error"> & { error?: unknown };

/** What every route handler of one proxy shares: its settings, store, logger and upstream. */
export interface ProxyContext extends ProxySettings {
  options: KlingProxyOptions;
  /** Removes the API key from text that leaves the server. */
  redact: (text: string) => string;
  /** Logs one event, redacted; a failing logger is ignored. */
  emit: (event: LogInput) => void;
  /** One exchange with the upstream, with the key (`ProxySettings.upstream` is its root URL). */
  callUpstream: (call: UpstreamRequest) => Promise<UpstreamResult>;
  now: () => number;
  /** Store writes owed after the upstream charged a job, kept and retried through an outage. */
  pending: PendingWrites;
  /** Signs and checks the ownership claims that submit answers carry. */
  claims: ClaimSigner;
  /** The server watch and its streams, when push is on. */
  watch?: ServerWatch;
}

/** One request as a route handler sees it: routed, and its caller identified. */
export interface ProxyRequest {
  request: Request;
  url: URL;
  method: string;
  /** The path as requested (for logs). */
  path: string;
  /** `identify`'s answer (undefined with `ownership: false` and no `identify`). */
  user: string | undefined;
  /** `{origin}{basePath}` as the browser reached the proxy. */
  root: string;
  /** Answers an error the proxy decided on itself, and logs why. */
  refuse: (answer: ErrorAnswer, why: string) => Response;
}

/** The owner a job is recorded under, and the key spend is counted by. */
export const ownerOf = (user: string | undefined): string => user ?? "";

/** A store that does not answer (an outage, a failover) is a passing state: 503, asked again in a second. */
export const STORE_FAILED: ErrorAnswer = {
  status: 503,
  code: "internal_error",
  message: "The server could not reach its store. Try again shortly.",
  headers: { "retry-after": "1" },
};

/** Where a store call happens, for its log line: a request, or the server's own work on a job. */
export type Where = Pick<ProxyRequest, "method" | "path">;

/** Runs a store call; a failure is logged and answered 500 `internal_error` by the caller. */
export async function storeCall<T>(ctx: ProxyContext, where: Where, what: string, call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    ctx.emit({ level: "error", event: "store_failed", method: where.method, path: where.path, message: `The store failed to ${what}.`, error });
    return { ok: false, response: errorResponse(STORE_FAILED) };
  }
}
