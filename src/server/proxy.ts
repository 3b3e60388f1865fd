import { jobPath, JOBS_PATH, matchContractPath, ROUTE_METHODS, RUN_PATH, UPLOADS_PATH } from "../core/contract";
import { discardUnread, startBodyClock } from "./body";
import { createClaimSigner } from "./claims";
import type { ProxyContext, ProxyRequest } from "./context";
import { identifyCaller } from "./identity";
import { maskWebhookTokens } from "./log";
import { resolveSettings } from "./options";
import { createPendingWrites } from "./pending";
import { createReadBudget } from "./push/budget";
import { createServerWatch } from "./push/watch";
import { errorResponse, withoutBody, type ErrorAnswer } from "./responses";
import { allowOf, createRouteTable, routeFor, type ProxyRoute } from "./route-table";
import { isRefusedCrossSite, pathBelowBase, refuseUncarriable, type UncarriableRefusal } from "./routes";
import { describeError, redactor } from "./secrets";
import type { Emit } from "./store-call";
import type { KlingProxyHandler, KlingProxyOptions } from "./types";
import { callUpstream } from "./upstream-call";

/**
 * A Web-standard handler (`Request` -> `Response`) that forwards the calls of the proxy contract
 * to PixelDojo with the API key, for the users `identify` names and `authorize` lets in, each
 * seeing only their own jobs, and refuses everything else without going upstream. Runs on
 * Next.js route handlers, Remix, Hono, Bun, Deno and edge runtimes; for Node's `http` and
 * Express, wrap it in `toNodeHandler`.
 *
 * Each request: route (path, method, cross-site) -> identify -> read and validate -> authorize
 * -> the route's handler (route-table.ts).
 */
export function createKlingProxy(options: KlingProxyOptions): KlingProxyHandler {
  // Every option read here, once; nothing below sees `options`.
  const settings = resolveSettings(options);
  const { apiKey, store, basePath, maxBodyBytes, bodyTimeoutMs, log } = settings;
  const redact = redactor(apiKey);
  const now = () => Date.now();
  // Hands the logger plain, redacted values only: never the key, never a whole webhook token,
  // never an error object.
  const emit: Emit = ({ error, ...event }) => {
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
  };
  const upstream = { fetch: settings.fetch, apiKey, timeoutMs: settings.timeoutMs };
  const readBudget = createReadBudget({ store, budget: settings.upstreamBudget, now, emit });
  const pending = createPendingWrites(now);
  const watch =
    settings.push &&
    createServerWatch({
      store,
      settings: settings.push,
      readUpstream: (jobId) => callUpstream(upstream, { method: "GET", url: settings.upstream + jobPath(jobId) }),
      budget: readBudget,
      onJobFinished: settings.onJobFinished,
      watchAll: !!settings.onJobFinished || !!settings.webhooks,
      pending,
      now,
      emit,
      redact,
    });
  const ctx: ProxyContext = {
    ...settings,
    redact,
    emit,
    now,
    pending,
    claims: createClaimSigner(apiKey),
    callUpstream: (call) => callUpstream(upstream, call),
    readBudget,
    watch,
  };
  const table = createRouteTable(ctx);
  // A route that is off with no answer of its own is as absent as an unknown path.
  const known = (routes: readonly ProxyRoute[]) => routes.filter((route) => route.enabled || route.off);
  const served = Object.fromEntries(Object.entries(table).map(([kind, routes]) => [kind, known(routes)])) as Record<
    string,
    readonly ProxyRoute[]
  >;
  const unknownPath =
    `Not found. This proxy serves POST ${basePath}${RUN_PATH}, GET ${basePath}${JOBS_PATH} and GET ${basePath}${jobPath("{jobId}")}` +
    `${ctx.watch ? `[/events]` : ""}${settings.uploads ? `, POST ${basePath}${UPLOADS_PATH}` : ""}.`;

  async function handle(request: Request, url: URL, method: string): Promise<Response> {
    const path = url.pathname;
    const refuse = (answer: ErrorAnswer, why: string): Response => {
      const level = answer.status >= 500 ? "error" : "warn";
      emit({ level, event: "refused", method, path, status: answer.status, message: why });
      return errorResponse(answer);
    };

    const match = matchContractPath(pathBelowBase(path, basePath));
    if (match.kind === "bad-job-id") {
      return refuse({ status: 404, code: "not_found", message: "That is not a valid job id." }, "Invalid job id");
    }
    const routes = match.kind === "unknown" ? [] : served[match.kind]!;
    const offForEvery = routes.find((route) => !route.enabled && route.off?.everyMethod);
    if (offForEvery) return refuse(offForEvery.off!.answer, offForEvery.off!.why);
    if (match.kind === "unknown" || routes.length === 0)
      return refuse({ status: 404, code: "not_found", message: unknownPath }, "Unknown path");
    const route = routeFor(routes, method);
    if (route && !route.enabled) return refuse(route.off!.answer, route.off!.why);
    const allow = allowOf(routes);
    if (method === "OPTIONS") {
      // No CORS headers on purpose: the proxy is for the app's own pages. See the README's security notes.
      return new Response(null, { status: 204, headers: { allow, "cache-control": "no-store" } });
    }
    if (!route)
      return refuse(
        { status: 405, code: "invalid_input", message: `Use ${ROUTE_METHODS[match.kind]} here.`, headers: { allow } },
        "Method not allowed",
      );

    const root = url.origin + basePath;
    if (route.open)
      return route.handle({ request, url, method, path, user: undefined, root, refuse }, undefined, match);
    if (route.sameSite && isRefusedCrossSite(request, settings.allowedOrigins)) {
      const message = "Requests from other sites may not submit edits or uploads: use the app's own pages.";
      return refuse({ status: 403, code: "forbidden", message }, "Cross-site request");
    }

    // Who asks, before anything is read or decided: anonymous callers learn nothing more.
    const identity = await identifyCaller(settings.identify, request);
    if (!identity.ok) {
      if (identity.anonymous)
        return refuse(
          { status: 401, code: "unauthorized", message: "Sign in to use the video editor." },
          "Anonymous caller",
        );
      emit({
        level: "error",
        event: "identify_failed",
        method,
        path,
        status: 500,
        message: identity.why,
        error: identity.error,
      });
      return errorResponse({ status: 500, code: "internal_error", message: "The server could not tell who you are." });
    }

    const parsed = await route.parse(request, url, match);
    if (!parsed.ok) return refuse(parsed.answer, parsed.answer.message ?? "Invalid request");

    let decision: unknown;
    try {
      decision = await settings.authorize(request, parsed.action, { user: identity.user });
    } catch (error) {
      const message = "authorize() threw; the request was refused.";
      emit({ level: "error", event: "authorize_failed", method, path, status: 500, message, error });
      return errorResponse({ status: 500, code: "internal_error", message: "The request could not be authorised." });
    }
    if (decision instanceof Response) {
      emit({
        level: "warn",
        event: "refused",
        method,
        path,
        status: decision.status,
        message: "authorize() answered itself",
      });
      return decision;
    }
    if (decision !== true) {
      return refuse(
        { status: 403, code: "forbidden", message: "You may not use this video service." },
        "authorize() said no",
      );
    }
    const req: ProxyRequest = { request, url, method, path, user: identity.user, root, refuse };
    return route.handle(req, parsed.value, match);
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
      emit({ level: "error", event: "internal_error", method, path: url.pathname, status: 500, message, error });
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
