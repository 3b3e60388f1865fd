// Node's `http` (and Express, Connect) in front of the Web handler. Only types come from Node,
// so this file adds no runtime dependency: the Web handler's files stay free of Node APIs.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  BodyTimeoutError,
  bodyTimeoutMessage,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  tooLargeMessage,
} from "./body";
import { answerLate, answerUnread, writeResponse } from "./node-answer";
import { alreadyParsedBody, bodyOf, declaresBody, streamOf } from "./node-body";
import { connectListener, listenForConnect, type NodeConnectListener } from "./node-connect";
import { errorResponse } from "./responses";
import {
  isCarriableMethod,
  isUnderBase,
  normalizeBasePath,
  refuseUncarriable,
  type UncarriableRefusal,
} from "./routes";

/** Any Web handler; the proxy's also tells the adapter its `basePath`, body limit and body time. */
export type WebRequestHandler = ((request: Request) => Promise<Response>) & {
  readonly basePath?: string;
  readonly maxBodyBytes?: number;
  readonly bodyTimeoutMs?: number;
};

export interface NodeHandlerOptions {
  /**
   * The paths this handler claims, from the root of the server (not of an Express mount).
   * Others go to `next()`, or get a 404 without one. Default: the proxy's own `basePath`.
   */
  basePath?: string;
  /** Bodies past this size are cut off with a 413. Default: the proxy's `maxBodyBytes`. */
  maxBodyBytes?: number;
  /**
   * A body not received whole this long after the request came is answered 408 and its
   * connection closed (or, when the answer went out already, just closed). Default: the
   * proxy's `bodyTimeoutMs` (10 s). It governs rather than the server's `requestTimeout`
   * (300 s by default) as long as it is the shorter.
   */
  bodyTimeoutMs?: number;
  /**
   * The public origin, e.g. `https://app.example.com`, used in the request URL the handler
   * sees (and so in rewritten `statusUrl`s). Default: `http(s)://` plus the `Host` header.
   * Set it behind a TLS-terminating proxy; `X-Forwarded-*` headers are not trusted.
   */
  origin?: string;
}

export type NodeNext = (error?: unknown) => void;
export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse, next?: NodeNext) => void;

/** What `toNodeHandler` returns: the request listener, and the one for the server's "connect" event. */
export type NodeProxyHandler = NodeRequestHandler & {
  /**
   * Answers CONNECT to the handler's paths 405 (Node never passes CONNECT to a request
   * listener, and drops it unanswered when its server has no "connect" listener). The handler
   * adds it to its server by itself at the first request it serves, if the server has none;
   * `server.on("connect", handler.onConnect)` has it from the start.
   */
  readonly onConnect: NodeConnectListener;
};

const nodeRequests = new WeakMap<Request, IncomingMessage>();

/**
 * The Node (Express, Connect) request behind a Web `Request` that `toNodeHandler` made, so that
 * `authorize` can read what the app's middleware put there (`req.user`, `req.session`):
 * `authorize: (request) => Boolean((nodeRequestOf(request) as AppRequest | undefined)?.user)`.
 * Undefined for requests that did not come through `toNodeHandler`.
 */
export function nodeRequestOf(request: Request): IncomingMessage | undefined {
  return nodeRequests.get(request);
}

// Headers about one connection, not the request: never handed on.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "http2-settings",
]);
const HOST_PATTERN = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function originOf(req: IncomingMessage): string {
  const host = req.headers.host;
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  return `${encrypted ? "https" : "http"}://${host && HOST_PATTERN.test(host) ? host : "localhost"}`;
}

/**
 * WHATWG URL reads `\` in a path as `/`: `/api/kling\jobs\x` would be served as a job, while
 * whatever reads the raw target next may see another path. The path keeps its backslashes,
 * percent-encoded, and the proxy refuses them (404).
 */
function keepBackslashes(target: string): string {
  const query = target.indexOf("?");
  const path = query < 0 ? target : target.slice(0, query);
  return path.replaceAll("\\", "%5C") + (query < 0 ? "" : target.slice(query));
}

/** The request target exactly as it arrived (Express and Connect keep it in `req.originalUrl`). */
const rawTargetOf = (req: IncomingMessage) =>
  (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";

/**
 * Path and query as the browser sent them. Express and Connect strip their mount prefix
 * from `req.url` but keep the full target in `req.originalUrl`; the handler must see the
 * full one to match its `basePath` and build `statusUrl`s the browser can use.
 */
function targetOf(target: string): string | undefined {
  if (target.startsWith("/")) return target;
  // Absolute-form (`GET http://host/path`): HTTP/1.1 servers must accept it; only the path counts.
  try {
    const url = new URL(target);
    return url.protocol === "http:" || url.protocol === "https:" ? url.pathname + url.search : undefined;
  } catch {
    return undefined;
  }
}

/** The URL `rawTarget` asks for, on the public origin; `undefined` when it cannot be one. */
function urlOf(req: IncomingMessage, rawTarget: string, fixedOrigin: string | undefined): URL | undefined {
  const target = targetOf(rawTarget);
  if (target === undefined) return undefined;
  try {
    return new URL((fixedOrigin ?? originOf(req)) + target);
  } catch {
    return undefined;
  }
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * Runs the body's clock from the request's arrival: when it runs out with the body not all
 * received, `onLate` is called. Stops once the request is read to its end (or closed).
 */
function startBodyClock(req: IncomingMessage, timeoutMs: number, onLate: () => void): void {
  if (!declaresBody(req) || req.complete) return;
  const timer = setTimeout(() => {
    if (!req.complete) onLate();
  }, timeoutMs);
  timer.unref?.();
  const stop = () => clearTimeout(timer);
  req.once("end", stop).once("close", stop);
}

/**
 * Serves a Web handler (such as `createKlingProxy`'s) from Node's `http` server, Express or
 * Connect: `http.createServer(toNodeHandler(proxy))` or `app.use("/api/kling", toNodeHandler(proxy))`.
 * Requests outside `basePath` go to `next()` when there is one.
 */
export function toNodeHandler(handler: WebRequestHandler, options: NodeHandlerOptions = {}): NodeProxyHandler {
  const basePath = normalizeBasePath(options.basePath ?? handler.basePath ?? "");
  const limit = options.maxBodyBytes ?? handler.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? handler.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const fixedOrigin = options.origin === undefined ? undefined : new URL(options.origin).origin;

  /** The URL to hand the handler, when the request is under `basePath` (as any reader of its path would see it). */
  function claimed(req: IncomingMessage): URL | undefined {
    const raw = rawTargetOf(req);
    const exact = urlOf(req, keepBackslashes(raw), fixedOrigin);
    const lenient = raw.includes("\\") ? urlOf(req, raw, fixedOrigin) : exact;
    if (!exact || !lenient) return undefined;
    return isUnderBase(exact.pathname, basePath) || isUnderBase(lenient.pathname, basePath) ? exact : undefined;
  }

  // Methods a `Request` cannot carry (TRACE, CONNECT) are decided here, before one is built.
  const refuseMethod = (handler as { [refuseUncarriable]?: UncarriableRefusal })[refuseUncarriable];
  const answerUncarriable = async (url: URL, method: string): Promise<Response> =>
    refuseMethod
      ? refuseMethod(url, method)
      : errorResponse({
          status: 405,
          code: "invalid_input",
          message: `${method} is not served here.`,
          headers: { allow: "" },
        });
  const onConnect = connectListener(claimed, (url) => answerUncarriable(url, "CONNECT"));

  async function serve(req: IncomingMessage, res: ServerResponse, next?: NodeNext) {
    listenForConnect(req, onConnect);
    const url = claimed(req);
    if (!url) {
      if (next) return next();
      return writeResponse(req, res, errorResponse({ status: 404, code: "not_found", message: "Not found." }), false);
    }

    const method = (req.method ?? "GET").toUpperCase();
    const declared = Number(req.headers["content-length"] ?? "0");
    if (!isCarriableMethod(method)) {
      const refusal = await answerUncarriable(url, method);
      return req.complete ? writeResponse(req, res, refusal, false) : answerUnread(req, res, refusal, declared);
    }
    const hasBody = method !== "GET" && method !== "HEAD";
    const tooLarge = () => errorResponse({ status: 413, code: "invalid_input", message: tooLargeMessage(limit) });
    if (hasBody && declared > limit) return answerUnread(req, res, tooLarge(), declared);

    let cutOff = false;
    let answeredLate = false;
    const answered = new AbortController();
    const aborted = new AbortController();
    const late = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    startBodyClock(req, bodyTimeoutMs, () => {
      // The handler reading the body hears why it ended; the client hears it at once.
      late.abort(new BodyTimeoutError(bodyTimeoutMs));
      if (!res.headersSent) {
        answeredLate = true;
        const answer = errorResponse({
          status: 408,
          code: "invalid_input",
          message: bodyTimeoutMessage(bodyTimeoutMs),
        });
        answerLate(req, res, answer).catch(() => req.socket?.destroy());
      } else if (res.writableFinished) {
        req.socket?.destroy(); // Answered already, and the body still trickles in.
      }
    });
    const init: RequestInit & { duplex?: "half" } = { method, headers: headersOf(req), signal: aborted.signal };
    if (hasBody) {
      const parsed = alreadyParsedBody(req);
      if (parsed) (init.headers as Headers).delete("content-length");
      init.body = parsed
        ? streamOf(parsed)
        : bodyOf(req, { limit, onTooLarge: () => (cutOff = true), answered: answered.signal, late: late.signal });
      init.duplex = "half";
    }
    const request = new Request(url, init);
    nodeRequests.set(request, req);
    const response = await handler(request);
    answered.abort();
    if (answeredLate) return void (await response.body?.cancel());
    if (cutOff) {
      await response.body?.cancel();
      return answerUnread(req, res, tooLarge(), declared);
    }
    if (hasBody && !req.complete) {
      // The handler's own body clock ran out first: its 408 closes the connection too.
      return response.status === 408 ? answerLate(req, res, response) : answerUnread(req, res, response, declared);
    }
    return writeResponse(req, res, response, false);
  }

  const listener: NodeRequestHandler = (req, res, next) => {
    serve(req, res, next).catch((error: unknown) => {
      if (next) return next(error);
      if (res.headersSent) return res.destroy();
      void writeResponse(
        req,
        res,
        errorResponse({ status: 500, code: "internal_error", message: "The server failed." }),
        true,
      );
    });
  };
  return Object.assign(listener, { onConnect });
}
