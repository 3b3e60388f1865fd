// A store call as every route and the server watch make it: a failure is logged (redacted, by
// the proxy's logger) and answered 503, a passing state the browser asks again about.
import { errorResponse, type ErrorAnswer } from "./responses";
import type { KlingProxyLogEvent } from "./types";

/** One log event before redaction: `error` may be anything thrown. */
export type LogInput = Omit<KlingProxyLogEvent, "error"> & { error?: unknown };
/** Logs one event, redacted; a failing logger is ignored. */
export type Emit = (event: LogInput) => void;

/** Where a store call happens, for its log line: a request, or the server's own work on a job. */
export interface Where {
  method: string;
  path: string;
}

/** A store that does not answer (an outage, a failover) is a passing state: 503, asked again in a second. */
export const STORE_FAILED: ErrorAnswer = {
  status: 503,
  code: "internal_error",
  message: "The server could not reach its store. Try again shortly.",
  headers: { "retry-after": "1" },
};

/** Runs a store call; a failure is logged and answered 503 by the caller. */
export async function storeCall<T>(
  { emit }: { emit: Emit },
  where: Where,
  what: string,
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    emit({
      level: "error",
      event: "store_failed",
      method: where.method,
      path: where.path,
      message: `The store failed to ${what}.`,
      error,
    });
    return { ok: false, response: errorResponse(STORE_FAILED) };
  }
}
