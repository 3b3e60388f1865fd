import { jobPath, RUN_PATH } from "../core/contract";
import { answerFromUpstream } from "./answer";
import { defaultLog, upstreamEvent } from "./log";
import { resolveSettings } from "./options";
import { errorResponse, withoutBody, type ErrorAnswer } from "./responses";
import { matchRoute, pathBelowBase } from "./routes";
import { describeError, redactor } from "./secrets";
import { readSubmitBody } from "./submit";
import type { KlingProxyAction, KlingProxyHandler, KlingProxyLogEvent, KlingProxyOptions } from "./types";
import { callUpstream } from "./upstream-call";

type LogInput = Omit<KlingProxyLogEvent, "error"> & { error?: unknown };

/**
 * A Web-standard handler (`Request` -> `Response`) that forwards the two calls of the proxy
 * contract to PixelDojo with the API key, and refuses everything else without going upstream.
 * Runs on Next.js route handlers, Remix, Hono, Bun, Deno and edge runtimes; for Node's `http`
 * and Express, wrap it in `toNodeHandler`.
 */
export function createKlingProxy(options: KlingProxyOptions): KlingProxyHandler {
  const settings = resolveSettings(options);
  const { apiKey, upstream, basePath, maxBodyBytes, timeoutMs } = settings;
  const { authorize, limits } = options;
  const redact = redactor(apiKey);
  const log = options.log ?? defaultLog;
  // Looked up per call, so a runtime (or test) that replaces the global fetch later is honoured.
  const upstreamFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  /** Hands the logger plain, redacted values only: never the key, never an error object. */
  function emit({ error, ...event }: LogInput) {
    try {
      log({
        ...event,
        path: redact(event.path),
        message: redact(event.message),
        ...(error === undefined ? {} : { error: describeError(error, redact) }),
      });
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  }

  async function decide(request: Request, action: KlingProxyAction, method: string, path: string) {
    try {
      return { decision: await authorize(request, action) };
    } catch (error) {
      const message = "authorize() threw; the request was refused.";
      emit({ level: "error", event: "authorize_failed", method, path, status: 500, message, error });
      return { failed: true as const };
    }
  }

  async function handle(request: Request, url: URL, method: string): Promise<Response> {
    const path = url.pathname;
    const refuse = (answer: ErrorAnswer, why: string): Response => {
      const level = answer.status >= 500 ? "error" : "warn";
      emit({ level, event: "refused", method, path, status: answer.status, message: why });
      return errorResponse(answer);
    };

    const route = matchRoute(pathBelowBase(path, basePath));
    if (route.kind === "unknown") {
      const message = `Not found. This proxy serves POST ${basePath}${RUN_PATH} and GET ${basePath}${jobPath("{jobId}")} only.`;
      return refuse({ status: 404, code: "not_found", message }, "Unknown path");
    }
    if (route.kind === "bad-job-id") {
      return refuse({ status: 404, code: "not_found", message: "That is not a valid job id." }, "Invalid job id");
    }
    if (method === "OPTIONS") {
      // No CORS headers on purpose: the proxy is for the app's own pages. See the README's security notes.
      return new Response(null, { status: 204, headers: { allow: route.allow, "cache-control": "no-store" } });
    }
    const allowed = route.kind === "submit" ? method === "POST" : method === "GET" || method === "HEAD";
    if (!allowed) {
      const message = `Use ${route.allow.split(",")[0]} here.`;
      return refuse({ status: 405, code: "invalid_input", message, headers: { allow: route.allow } }, "Method not allowed");
    }

    let action: KlingProxyAction;
    if (route.kind === "submit") {
      const body = await readSubmitBody(request, { maxBodyBytes, limits });
      if (!body.ok) return refuse(body.answer, body.answer.message ?? "Invalid submit");
      action = { type: "submit", input: body.input };
    } else {
      action = { type: "status", jobId: route.jobId };
    }

    const outcome = await decide(request, action, method, path);
    if ("failed" in outcome) {
      return errorResponse({ status: 500, code: "internal_error", message: "The request could not be authorised." });
    }
    if (outcome.decision instanceof Response) {
      const { status } = outcome.decision;
      emit({ level: "warn", event: "refused", method, path, status, message: "authorize() answered itself" });
      return outcome.decision;
    }
    if (outcome.decision !== true) {
      return refuse({ status: 403, code: "forbidden", message: "You may not use this video service." }, "authorize() said no");
    }

    const result = await callUpstream(
      { fetch: upstreamFetch, apiKey, timeoutMs },
      action.type === "submit"
        ? { method: "POST", url: upstream + RUN_PATH, body: JSON.stringify(action.input) }
        : { method: "GET", url: upstream + jobPath(action.jobId) },
    );
    const response = answerFromUpstream(result, {
      proxyRoot: url.origin + basePath,
      jobId: action.type === "status" ? action.jobId : undefined,
      submit: action.type === "submit",
      redact,
    });
    emit({ ...upstreamEvent(result, timeoutMs), method, path, status: response.status });
    return response;
  }

  const handler = async (request: Request): Promise<Response> => {
    const method = request.method.toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return errorResponse({ status: 400, code: "invalid_input", message: "The request URL could not be read." });
    }
    let response: Response;
    try {
      response = await handle(request, url, method);
    } catch (error) {
      const message = "The proxy failed unexpectedly.";
      emit({ level: "error", event: "internal_error", method, path: url.pathname, status: 500, message, error });
      response = errorResponse({ status: 500, code: "internal_error", message });
    }
    // A HEAD answer has no body, whichever path produced it.
    return method === "HEAD" ? withoutBody(response) : response;
  };
  return Object.defineProperties(handler, {
    basePath: { value: basePath, enumerable: true },
    maxBodyBytes: { value: maxBodyBytes, enumerable: true },
  }) as KlingProxyHandler;
}
