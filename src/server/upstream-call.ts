import { BodyTooLargeError, readLimited } from "./body";

/** Largest upstream answer read; job answers are a few hundred bytes. */
const MAX_UPSTREAM_BODY_BYTES = 1024 * 1024;
const USER_AGENT = "react-kling-edit-proxy";

export interface UpstreamSettings {
  fetch: typeof fetch;
  apiKey: string;
  timeoutMs: number;
}

export interface UpstreamRequest {
  url: string;
  method: "GET" | "POST";
  /** JSON text, for a submit. */
  body?: string;
}

export type UpstreamResult =
  | { kind: "answered"; status: number; text: string; retryAfter: string | null; durationMs: number }
  | { kind: "timeout" | "unreachable" | "bad_response"; error?: unknown; durationMs: number };

const TIMED_OUT = Symbol("timed out");

/**
 * One upstream exchange, headers built from scratch (the browser's headers never travel on),
 * bounded by `timeoutMs` from sending to the last byte of the answer.
 */
export async function callUpstream(settings: UpstreamSettings, call: UpstreamRequest): Promise<UpstreamResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const headers = new Headers({
    authorization: `Bearer ${settings.apiKey}`,
    accept: "application/json",
    "user-agent": USER_AGENT,
  });
  if (call.body !== undefined) headers.set("content-type", "application/json");

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced against, so a fetch that ignores its signal still cannot hold the request open.
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(TIMED_OUT);
    }, settings.timeoutMs);
  });

  try {
    let response: Response | typeof TIMED_OUT;
    try {
      response = await Promise.race([
        settings.fetch(call.url, {
          method: call.method,
          headers,
          body: call.body,
          signal: controller.signal,
          // The key goes to the configured upstream and nowhere else: a redirect is not followed.
          redirect: "manual",
          cache: "no-store",
        }),
        deadline,
      ]);
    } catch (error) {
      return { kind: controller.signal.aborted ? "timeout" : "unreachable", error, durationMs: elapsed() };
    }
    if (response === TIMED_OUT) return { kind: "timeout", durationMs: elapsed() };
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: "bad_response",
        error: new Error(`The upstream redirected (${response.status}).`),
        durationMs: elapsed(),
      };
    }

    let bytes: Uint8Array | typeof TIMED_OUT;
    try {
      bytes = await Promise.race([readLimited(response.body, MAX_UPSTREAM_BODY_BYTES), deadline]);
    } catch (error) {
      if (controller.signal.aborted) return { kind: "timeout", error, durationMs: elapsed() };
      return {
        kind: error instanceof BodyTooLargeError ? "bad_response" : "unreachable",
        error,
        durationMs: elapsed(),
      };
    }
    if (bytes === TIMED_OUT) return { kind: "timeout", durationMs: elapsed() };
    return {
      kind: "answered",
      status: response.status,
      text: new TextDecoder().decode(bytes),
      retryAfter: response.headers.get("retry-after"),
      durationMs: elapsed(),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** An answer's body as JSON; undefined when the call got no answer or the body is not JSON. */
export function answeredJson(result: UpstreamResult): unknown {
  if (result.kind !== "answered") return undefined;
  try {
    return JSON.parse(result.text) as unknown;
  } catch {
    return undefined;
  }
}
