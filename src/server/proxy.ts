import { JOBS_PATH, RUN_PATH } from "../core/client";
import { PIXELDOJO_API_URL } from "../core/upstream";
import { validateEditInput } from "../core/validate";
import { answerFromUpstream } from "./answer";
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, readLimited } from "./body";
import { errorResponse, withoutBody, type ErrorAnswer } from "./responses";
import { matchRoute, normalizeBasePath, pathBelowBase, type Route } from "./routes";
import { describeError, redactor, resolveApiKey } from "./secrets";
import type {
  KlingProxyAction,
  KlingProxyHandler,
  KlingProxyLogEvent,
  KlingProxyLogger,
  KlingProxyOptions,
} from "./types";
import { callUpstream, type UpstreamSettings } from "./upstream-call";

export const DEFAULT_TIMEOUT_MS = 30_000;

const defaultLog: KlingProxyLogger = (event) => {
  if (event.level === "error") {
    console.error(`[react-kling-edit proxy] ${event.message} (${event.method} ${event.path} -> ${event.status})`);
  }
};

function normalizeUpstream(upstream: string): string {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new TypeError(`createKlingProxy: upstream must be an absolute URL; got ${JSON.stringify(upstream)}.`);
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || url.search || url.hash) {
    throw new TypeError("createKlingProxy: upstream must be a plain http(s) URL without credentials, query or hash.");
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`createKlingProxy: ${name} must be a positive number.`);
  return value;
}

function isJsonContentType(value: string | null): boolean {
  const mediaType = value?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

type Parsed = { ok: true; action: KlingProxyAction } | { ok: false; answer: ErrorAnswer };

/**
 * A Web-standard handler (`Request` -> `Response`) that forwards the two calls of the proxy
 * contract to PixelDojo with the API key, and refuses everything else without going upstream.
 * Runs on Next.js route handlers, Remix, Hono, Bun, Deno and edge runtimes; for Node's `http`
 * and Express, wrap it in `toNodeHandler`.
 */
export function createKlingProxy(options: KlingProxyOptions): KlingProxyHandler {
  if (typeof options?.authorize !== "function") {
    throw new TypeError(
      "createKlingProxy: `authorize(request, action)` is required: decide who may spend your PixelDojo credits.",
    );
  }
  const { authorize, limits } = options;
  const apiKey = resolveApiKey(options.apiKey);
  const redact = redactor(apiKey);
  const upstream = normalizeUpstream(options.upstream ?? PIXELDOJO_API_URL);
  const basePath = normalizeBasePath(options.basePath);
  const maxBodyBytes = Math.floor(positive(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, "maxBodyBytes"));
  const log = options.log ?? defaultLog;
  const settings: UpstreamSettings = {
    apiKey,
    timeoutMs: positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs"),
    // Looked up per call, so a runtime (or test) that replaces the global fetch later is honoured.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };

  function emit(event: KlingProxyLogEvent) {
    try {
      log({ ...event, path: redact(event.path), message: redact(event.message) });
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  }

  async function parseSubmit(request: Request): Promise<Parsed> {
    if (!isJsonContentType(request.headers.get("content-type"))) {
      // Also what stops a cross-site HTML form from posting here: forms cannot send this type.
      return { ok: false, answer: { status: 415, code: "invalid_input", message: "Send the edit as application/json." } };
    }
    const tooLarge: ErrorAnswer = {
      status: 413,
      code: "invalid_input",
      message: `The request body is larger than ${maxBodyBytes} bytes.`,
    };
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > maxBodyBytes) return { ok: false, answer: tooLarge };
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await readLimited(request.body, maxBodyBytes));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return { ok: false, answer: tooLarge };
      return { ok: false, answer: { status: 400, code: "invalid_input", message: "The request body could not be read." } };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, answer: { status: 400, code: "invalid_input", message: "The request body must be JSON." } };
    }
    const checked = validateEditInput(json, limits);
    if (!checked.ok) {
      const first = Object.values(checked.errors)[0];
      return {
        ok: false,
        answer: { status: 400, code: "invalid_input", message: first?.message, fieldErrors: checked.errors },
      };
    }
    return { ok: true, action: { type: "submit", input: checked.value } };
  }

  async function handle(request: Request, url: URL, method: string): Promise<Response> {
    const path = url.pathname;
    const refuse = (answer: ErrorAnswer, why: string): Response => {
      emit({ level: answer.status >= 500 ? "error" : "warn", event: "refused", method, path, status: answer.status, message: why });
      const response = errorResponse(answer);
      return method === "HEAD" ? withoutBody(response) : response;
    };

    const route: Route = matchRoute(pathBelowBase(path, basePath));
    if (route.kind === "unknown") {
      return refuse(
        {
          status: 404,
          code: "not_found",
          message: `Not found. This proxy serves POST ${basePath}${RUN_PATH} and GET ${basePath}${JOBS_PATH}{jobId} only.`,
        },
        "Unknown path",
      );
    }
    if (route.kind === "bad-job-id") {
      return refuse({ status: 404, code: "not_found", message: "That is not a valid job id." }, "Invalid job id");
    }
    if (method === "OPTIONS") {
      // No CORS headers on purpose: the proxy is for the app's own pages. See docs/server.md.
      return new Response(null, { status: 204, headers: { allow: route.allow, "cache-control": "no-store" } });
    }
    const allowed = route.kind === "submit" ? method === "POST" : method === "GET" || method === "HEAD";
    if (!allowed) {
      return refuse(
        { status: 405, code: "invalid_input", message: `Use ${route.allow.split(",")[0]} here.`, headers: { allow: route.allow } },
        "Method not allowed",
      );
    }

    let action: KlingProxyAction;
    if (route.kind === "submit") {
      const parsed = await parseSubmit(request);
      if (!parsed.ok) return refuse(parsed.answer, parsed.answer.message ?? "Invalid submit");
      action = parsed.action;
    } else {
      action = { type: "status", jobId: route.jobId };
    }

    let decision: unknown;
    try {
      decision = await authorize(request, action);
    } catch (error) {
      emit({
        level: "error",
        event: "authorize_failed",
        method,
        path,
        status: 500,
        message: "authorize() threw; the request was refused.",
        error: describeError(error, redact),
      });
      return errorResponse({ status: 500, code: "upstream_error", message: "The request could not be authorised." });
    }
    if (decision instanceof Response) {
      emit({ level: "warn", event: "refused", method, path, status: decision.status, message: "authorize() answered itself" });
      return decision;
    }
    if (decision !== true) {
      return refuse({ status: 403, code: "forbidden", message: "You may not use this video service." }, "authorize() said no");
    }

    const result = await callUpstream(
      settings,
      action.type === "submit"
        ? { method: "POST", url: upstream + RUN_PATH, body: JSON.stringify(action.input) }
        : { method: "GET", url: upstream + JOBS_PATH + action.jobId },
    );
    const response = answerFromUpstream(result, {
      proxyRoot: url.origin + basePath,
      jobId: action.type === "status" ? action.jobId : undefined,
      submit: action.type === "submit",
      redact,
    });
    logUpstream(result, response, method, path);
    return method === "HEAD" ? withoutBody(response) : response;
  }

  function logUpstream(result: Awaited<ReturnType<typeof callUpstream>>, response: Response, method: string, path: string) {
    const base = { method, path, status: response.status, durationMs: result.durationMs };
    if (result.kind !== "answered") {
      const messages = {
        timeout: `The upstream did not answer within ${settings.timeoutMs} ms.`,
        unreachable: "The upstream could not be reached.",
        bad_response: "The upstream sent an answer that could not be passed on.",
      } as const;
      emit({
        ...base,
        level: "error",
        event: `upstream_${result.kind}`,
        message: messages[result.kind],
        ...(result.error === undefined ? {} : { error: describeError(result.error, redact) }),
      });
      return;
    }
    const upstreamStatus = result.status;
    let level: KlingProxyLogEvent["level"] = upstreamStatus >= 500 ? "error" : upstreamStatus >= 400 ? "warn" : "info";
    let message = `Upstream answered ${upstreamStatus}.`;
    if (upstreamStatus === 401 || upstreamStatus === 403) {
      level = "error";
      message = `Upstream refused the API key (${upstreamStatus}): check PIXELDOJO_API_KEY.`;
    }
    emit({ ...base, level, event: "forwarded", upstreamStatus, message });
  }

  const handler = async (request: Request): Promise<Response> => {
    const method = request.method.toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return errorResponse({ status: 400, code: "invalid_input", message: "The request URL could not be read." });
    }
    try {
      return await handle(request, url, method);
    } catch (error) {
      emit({
        level: "error",
        event: "internal_error",
        method,
        path: url.pathname,
        status: 500,
        message: "The proxy failed unexpectedly.",
        error: describeError(error, redact),
      });
      return errorResponse({ status: 500, code: "upstream_error", message: "The proxy failed unexpectedly." });
    }
  };
  return Object.defineProperties(handler, {
    basePath: { value: basePath, enumerable: true },
    maxBodyBytes: { value: maxBodyBytes, enumerable: true },
  }) as KlingProxyHandler;
}
