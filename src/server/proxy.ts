import { jobPath, JOBS_PATH, matchContractPath, ROUTE_METHODS, RUN_PATH, UPLOADS_PATH, type ContractRoute } from "../core/contract";
import type { UploadRequest } from "../core/uploads";
import { discardUnread, startBodyClock } from "./body";
import type { ProxyContext, ProxyRequest } from "./context";
import { createClaimSigner } from "./claims";
import { handleEvents } from "./events";
import { readHistoryQuery, handleHistory } from "./history";
import { createServerWatch } from "./push/watch";
import { identifyCaller } from "./identity";
import { defaultLog, maskWebhookTokens } from "./log";
import { resolveSettings } from "./options";
import { createPendingWrites } from "./pending";
import { baseHeaders, errorResponse, withoutBody, type ErrorAnswer } from "./responses";
import { allowOf, isRefusedCrossSite, pathBelowBase, refuseUncarriable, type UncarriableRefusal } from "./routes";
import { describeError, redactor } from "./secrets";
import { handleStatus } from "./status";
import { handleSubmit, readSubmitBody } from "./submit";
import type { KlingProxyAction, KlingProxyHandler, KlingProxyOptions } from "./types";
import { callUpstream } from "./upstream-call";
import { handleUpload, readUploadRequest } from "./uploads/route";
import { handleWebhook } from "./webhooks";

/** The routes of the contract a proxy can serve; push, webhooks and uploads come with their options. */
type ServedRoute = Extract<ContractRoute, { kind: "submit" | "status" | "history" | "events" | "webhook" | "uploads" }>;

/**
 * A Web-standard handler (`Request` -> `Response`) that forwards the calls of the proxy contract
 * to PixelDojo with the API key, for the users `identify` names and `authorize` lets in, each
 * seeing only their own jobs, and refuses everything else without going upstream. Runs on
 * Next.js route handlers, Remix, Hono, Bun, Deno and edge runtimes; for Node's `http` and
 * Express, wrap it in `toNodeHandler`.
 *
 * Each request: route (method, cross-site) -> identify -> read and validate -> authorize -> the
 * route's handler.
 */
export function createKlingProxy(options: KlingProxyOptions): KlingProxyHandler {
  const settings = resolveSettings(options);
  const redact = redactor(settings.apiKey);
  const log = options.log ?? defaultLog;
  // Looked up per call, so a runtime (or test) that replaces the global fetch later is honoured.
  const upstreamFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  const ctx: ProxyContext = {
    ...settings,
    options,
    redact,
    now: () => Date.now(),
    pending: createPendingWrites(() => Date.now()),
    claims: createClaimSigner(settings.apiKey),
    callUpstream: (call) => callUpstream({ fetch: upstreamFetch, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs }, call),
    // Hands the logger plain, redacted values only: never the key, never a whole webhook
    // token, never an error object.
    emit({ error, ...event }) {
      const clean = (text: string) => maskWebhookTokens(redact(text));
      try {
        log({
          ...event,
          path: clean(event.path),
          message: clean(event.message),
          ...(error === undefined ? {} : { error: describeError(error, clean) }),
        });
      } catch {
        // A failing logger must not turn an answer into a crash.
      }
    },
  };
  const { basePath, maxBodyBytes, bodyTimeoutMs } = settings;
  if (settings.push) ctx.watch = createServerWatch(ctx, settings.push);
  const served = (route: ContractRoute): route is ServedRoute =>
    route.kind === "submit" ||
    route.kind === "status" ||
    route.kind === "history" ||
    (route.kind === "events" && !!ctx.watch) ||
    (route.kind === "webhook" && !!settings.webhooks) ||
    route.kind === "uploads";

  async function handle(request: Request, url: URL, method: string): Promise<Response> {
    const path = url.pathname;
    const refuse = (answer: ErrorAnswer, why: string): Response => {
      const level = answer.status >= 500 ? "error" : "warn";
      ctx.emit({ level, event: "refused", method, path, status: answer.status, message: why });
      return errorResponse(answer);
    };

    const route = matchContractPath(pathBelowBase(path, basePath));
    if (route.kind === "bad-job-id") {
      return refuse({ status: 404, code: "not_found", message: "That is not a valid job id." }, "Invalid job id");
    }
    // Push off: the route is there but serves nothing (an empty Allow, as HTTP has it for a
    // resource turned off), so browsers poll every job at once instead of trying each stream.
    if (route.kind === "events" && !ctx.watch) {
      return refuse({ status: 405, code: "invalid_input", message: "This proxy streams no events: ask for the job's status.", headers: { allow: "" } }, "Push is off");
    }
    if (!served(route)) {
      const message = `Not found. This proxy serves POST ${basePath}${RUN_PATH}, GET ${basePath}${JOBS_PATH} and GET ${basePath}${jobPath("{jobId}")}${ctx.watch ? `[/events]` : ""}${options.uploads ? `, POST ${basePath}${UPLOADS_PATH}` : ""}.`;
      return refuse({ status: 404, code: "not_found", message }, "Unknown path");
    }
    // `GET {basePath}/uploads` says whether uploads are on, to anyone (the form asks before it
    // shows its upload zones); always 200, so a page without uploads logs no failed request.
    if (route.kind === "uploads" && (method === "GET" || method === "HEAD")) {
      return new Response(JSON.stringify({ uploads: !!options.uploads }), { status: 200, headers: baseHeaders() });
    }
    if (route.kind === "uploads" && !options.uploads && method === "POST") {
      return refuse({ status: 404, code: "not_found", message: "This proxy takes no uploads." }, "Uploads are off");
    }
    const expected = ROUTE_METHODS[route.kind];
    const allow = route.kind === "uploads" ? "GET, HEAD, POST, OPTIONS" : allowOf(expected);
    if (method === "OPTIONS") {
      // No CORS headers on purpose: the proxy is for the app's own pages. See the README's security notes.
      return new Response(null, { status: 204, headers: { allow, "cache-control": "no-store" } });
    }
    if (method !== expected && !(expected === "GET" && method === "HEAD")) {
      return refuse({ status: 405, code: "invalid_input", message: `Use ${expected} here.`, headers: { allow } }, "Method not allowed");
    }
    // A delivery from PixelDojo: nobody's session, only a token (and nothing in it is believed).
    if (route.kind === "webhook") return handleWebhook(ctx, { method, path }, request, route.token, settings.webhooks!, ctx.watch!);
    if ((route.kind === "submit" || route.kind === "uploads") && isRefusedCrossSite(request, settings.allowedOrigins)) {
      const message = "Requests from other sites may not submit edits or uploads: use the app's own pages.";
      return refuse({ status: 403, code: "forbidden", message }, "Cross-site request");
    }

    // Who asks, before anything is read or decided: anonymous callers learn nothing more.
    const identity = await identifyCaller(options.identify, request);
    if (!identity.ok) {
      if (identity.anonymous) return refuse({ status: 401, code: "unauthorized", message: "Sign in to use the video editor." }, "Anonymous caller");
      ctx.emit({ level: "error", event: "identify_failed", method, path, status: 500, message: identity.why, error: identity.error });
      return errorResponse({ status: 500, code: "internal_error", message: "The server could not tell who you are." });
    }

    let action: KlingProxyAction;
    let history: ReturnType<typeof readHistoryQuery> | undefined;
    let upload: UploadRequest | undefined;
    if (route.kind === "submit") {
      const body = await readSubmitBody(request, { maxBodyBytes, limits: options.limits });
      if (!body.ok) return refuse(body.answer, body.answer.message ?? "Invalid submit");
      action = { type: "submit", input: body.input };
    } else if (route.kind === "uploads") {
      // Type and size against the model's limits before anything is signed (the browser ran the same rule).
      const read = await readUploadRequest(request, { limits: options.limits });
      if (!read.ok) return refuse(read.answer, read.answer.message ?? "Invalid upload request");
      upload = read.value;
      action = { type: "upload", kind: upload.kind, contentType: upload.type, size: upload.size, name: upload.name };
    } else if (route.kind === "history") {
      history = readHistoryQuery(url);
      if (!history.ok) return refuse(history.answer, history.answer.message ?? "Invalid history query");
      action = { type: "history" };
    } else {
      // The event stream is a way of reading the status: the same decision.
      action = { type: "status", jobId: route.jobId };
    }

    let decision: unknown;
    try {
      decision = await options.authorize(request, action, { user: identity.user });
    } catch (error) {
      const message = "authorize() threw; the request was refused.";
      ctx.emit({ level: "error", event: "authorize_failed", method, path, status: 500, message, error });
      return errorResponse({ status: 500, code: "internal_error", message: "The request could not be authorised." });
    }
    if (decision instanceof Response) {
      ctx.emit({ level: "warn", event: "refused", method, path, status: decision.status, message: "authorize() answered itself" });
      return decision;
    }
    if (decision !== true) {
      return refuse({ status: 403, code: "forbidden", message: "You may not use this video service." }, "authorize() said no");
    }

    const req: ProxyRequest = { request, url, method, path, user: identity.user, root: url.origin + basePath, refuse };
    if (action.type === "submit") return handleSubmit(ctx, req, action.input);
    if (upload) return handleUpload(ctx, req, options.uploads!, upload);
    if (action.type === "history" && history?.ok) return handleHistory(ctx, req, history.query);
    if (route.kind === "events") return handleEvents(ctx, req, route.jobId, ctx.watch!);
    return handleStatus(ctx, req, (action as { jobId: string }).jobId);
  }

  const serve = async (request: Request, method: string): Promise<Response> => {
    // The body's time runs from the request's arrival, whatever comes before the read.
    startBodyClock(request, bodyTimeoutMs);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return errorResponse({ status: 400, code: "invalid_input", message: "The request URL could not be read." });
    }
    // Any request wakes this instance's look for due work (watch reads, hand-overs).
    ctx.watch?.wake();
    let response: Response;
    try {
      response = await handle(request, url, method);
    } catch (error) {
      const message = "The proxy failed unexpectedly.";
      ctx.emit({ level: "error", event: "internal_error", method, path: url.pathname, status: 500, message, error });
      response = errorResponse({ status: 500, code: "internal_error", message });
    }
    // A body nobody read (an early refusal) is drained first: closing on unread bytes resets
    // the connection on most runtimes, and the browser would never see the answer.
    await discardUnread(request);
    // A HEAD answer has no body, whichever path produced it.
    return method === "HEAD" ? withoutBody(response) : response;
  };
  const handler = (request: Request) => serve(request, request.method.toUpperCase());
  // A method no `Request` can carry (the Node adapter asks) is refused by routing or the method
  // check before the request is looked at; the stand-in (a bare GET: no body, no credentials)
  // could only ever be read as an anonymous caller's.
  const refuseMethod: UncarriableRefusal = (url, method) => serve(new Request(url), method.toUpperCase());
  return Object.defineProperties(handler, {
    basePath: { value: basePath, enumerable: true },
    maxBodyBytes: { value: maxBodyBytes, enumerable: true },
    bodyTimeoutMs: { value: bodyTimeoutMs, enumerable: true },
    [refuseUncarriable]: { value: refuseMethod },
    openStreams: { get: () => ctx.watch?.hub.listeners ?? 0, enumerable: true },
  }) as KlingProxyHandler;
}
