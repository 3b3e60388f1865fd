import type { KlingProxyLogEvent, KlingProxyLogger } from "./types";
import type { UpstreamResult } from "./upstream-call";

/** Without a `log` option: errors reach the console, routine events nothing. */
export const defaultLog: KlingProxyLogger = (event) => {
  if (event.level === "error") {
    console.error(
      `[react-kling-edit proxy] ${event.message} (${event.method} ${event.path}${event.status === undefined ? "" : ` -> ${event.status}`})`,
    );
  }
};

// A webhook token after `/webhooks/` (a request path, a webhook URL) or `webhook:` (a store
// key in an error): whoever holds one can nudge the job, so logs keep only its first characters.
const WEBHOOK_TOKEN_IN_TEXT = /(webhooks?(?:\/|:|%2f))([A-Za-z0-9_%-]{4})[A-Za-z0-9_%-]+/gi;

/** Cuts every webhook token in a text down to a short prefix: `/webhooks/AbCd…`. */
export const maskWebhookTokens = (text: string): string => text.replace(WEBHOOK_TOKEN_IN_TEXT, "$1$2…");

type UpstreamEvent = Omit<KlingProxyLogEvent, "method" | "path" | "status" | "error"> & { error?: unknown };

const FAILURES = {
  timeout: {
    event: "upstream_timeout",
    message: (timeoutMs: number) => `The upstream did not answer within ${timeoutMs} ms.`,
  },
  unreachable: { event: "upstream_unreachable", message: () => "The upstream could not be reached." },
  bad_response: {
    event: "upstream_bad_response",
    message: () => "The upstream sent an answer that could not be passed on.",
  },
} as const;

/** What an upstream exchange is worth telling the operator; a refused key is an error. */
export function upstreamEvent(result: UpstreamResult, timeoutMs: number): UpstreamEvent {
  const { durationMs } = result;
  if (result.kind !== "answered") {
    const failure = FAILURES[result.kind];
    return {
      level: "error",
      event: failure.event,
      durationMs,
      error: result.error,
      message: failure.message(timeoutMs),
    };
  }
  const upstreamStatus = result.status;
  if (upstreamStatus === 401 || upstreamStatus === 403) {
    const message = `Upstream refused the API key (${upstreamStatus}): check PIXELDOJO_API_KEY.`;
    return { level: "error", event: "forwarded", durationMs, upstreamStatus, message };
  }
  const level = upstreamStatus >= 500 ? "error" : upstreamStatus >= 400 ? "warn" : "info";
  return { level, event: "forwarded", durationMs, upstreamStatus, message: `Upstream answered ${upstreamStatus}.` };
}
