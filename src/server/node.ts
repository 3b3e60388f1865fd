// Node's `http` (and Express, Connect) in front of the Web handler. Only types come from Node,
// so this file adds no runtime dependency: the Web handler's files stay free of Node APIs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, DRAIN_MAX_BYTES, DRAIN_MAX_MS, tooLargeMessage } from "./body";
import { errorResponse } from "./responses";
import { isUnderBase, normalizeBasePath } from "./routes";

/** Any Web handler; the proxy's also tells the adapter its `basePath` and body limit. */
export type WebRequestHandler = ((request: Request) => Promise<Response>) & {
  readonly basePath?: string;
  readonly maxBodyBytes?: number;
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
   * The public origin, e.g. `https://app.example.com`, used in the request URL the handler
   * sees (and so in rewritten `statusUrl`s). Default: `http(s)://` plus the `Host` header.
   * Set it behind a TLS-terminating proxy; `X-Forwarded-*` headers are not trusted.
   */
  origin?: string;
}

export type NodeNext = (error?: unknown) => void;
export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse, next?: NodeNext) => void;

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
 * Path and query as the browser sent them. Express and Connect strip their mount prefix
 * from `req.url` but keep the full target in `req.originalUrl`; the handler must see the
 * full one to match its `basePath` and build `statusUrl`s the browser can use.
 */
function targetOf(req: IncomingMessage): string | undefined {
  const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  if (target.startsWith("/")) return target;
  // Absolute-form (`GET http://host/path`): HTTP/1.1 servers must accept it; only the path counts.
  try {
    const url = new URL(target);
    return url.protocol === "http:" || url.protocol === "https:" ? url.pathname + url.search : undefined;
  } catch {
    return undefined;
  }
}

/** The URL the browser asked for, on the public origin; `undefined` when it cannot be one. */
function urlOf(req: IncomingMessage, fixedOrigin: string | undefined): URL | undefined {
  const target = targetOf(req);
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
 * The request body as a Web stream, pulled with backpressure, cut off past `limit` bytes. Once
 * `answered`, it takes nothing more: the rest is the adapter's to drain (`answerUnread`).
 */
function bodyOf(req: IncomingMessage, limit: number, onTooLarge: () => void, answered: AbortSignal): ReadableStream<Uint8Array> {
  let total = 0;
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Uint8Array) => {
        if (settled || answered.aborted) return;
        total += chunk.byteLength;
        if (total > limit) {
          settled = true;
          req.pause();
          onTooLarge();
          controller.error(new BodyTooLargeError(limit));
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => {
        if (!settled) controller.close();
        settled = true;
      });
      req.on("error", (error) => {
        if (!settled) controller.error(error);
        settled = true;
      });
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      settled = true;
      req.pause();
    },
  });
}

/**
 * A body that an earlier middleware (Express's `express.json()`, say) already read: its stream
 * is spent, so what it parsed is sent on again as JSON. `undefined` when the stream is unread.
 */
function alreadyParsedBody(req: IncomingMessage): Uint8Array | undefined {
  if (!req.readableEnded) return undefined;
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed instanceof Uint8Array) return parsed;
  if (typeof parsed === "string") return new TextEncoder().encode(parsed);
  if (parsed === undefined || parsed === null) return new Uint8Array(0);
  return new TextEncoder().encode(JSON.stringify(parsed));
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response, close: boolean) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (close) res.setHeader("connection", "close");
  if (!response.body || req.method === "HEAD") {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  // A client gone before the answer (while the handler decided) hears no "close" any more: an
  // event stream would stay open on the server for nobody.
  if (res.destroyed) return stop();
  res.once("close", stop);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve));
  }
  res.end();
}

/**
 * Answers a request whose body was not (all) read. The answer goes out at once; the rest of the
 * body is then read and dropped, within `DRAIN_MAX_BYTES` and `DRAIN_MAX_MS`, so that a client
 * still sending gets to read it: a connection closed with bytes unread is reset, and the client
 * loses the answer (a submit it must then call "may have been charged"). A body declared past
 * the bounds, or one still coming when they run out, gets the connection closed instead.
 */
async function answerUnread(req: IncomingMessage, res: ServerResponse, response: Response, declared: number) {
  if (declared > DRAIN_MAX_BYTES) return writeResponse(req, res, response, true);
  let left = DRAIN_MAX_BYTES;
  const cut = () => req.socket?.destroy();
  const timer = setTimeout(cut, DRAIN_MAX_MS);
  timer.unref?.();
  const settle = () => clearTimeout(timer);
  req.once("end", settle).once("close", settle);
  req.on("data", (chunk: Uint8Array) => {
    left -= chunk.byteLength;
    if (left < 0) cut();
  });
  req.resume();
  await writeResponse(req, res, response, false);
}

/**
 * Serves a Web handler (such as `createKlingProxy`'s) from Node's `http` server, Express or
 * Connect: `http.createServer(toNodeHandler(proxy))` or `app.use("/api/kling", toNodeHandler(proxy))`.
 * Requests outside `basePath` go to `next()` when there is one.
 */
export function toNodeHandler(handler: WebRequestHandler, options: NodeHandlerOptions = {}): NodeRequestHandler {
  const basePath = normalizeBasePath(options.basePath ?? handler.basePath ?? "");
  const limit = options.maxBodyBytes ?? handler.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const fixedOrigin = options.origin === undefined ? undefined : new URL(options.origin).origin;

  async function serve(req: IncomingMessage, res: ServerResponse, next?: NodeNext) {
    const url = urlOf(req, fixedOrigin);
    if (!url || !isUnderBase(url.pathname, basePath)) {
      if (next) return next();
      return writeResponse(req, res, errorResponse({ status: 404, code: "not_found", message: "Not found." }), false);
    }

    const method = (req.method ?? "GET").toUpperCase();
    const hasBody = method !== "GET" && method !== "HEAD";
    const tooLarge = () =>
      errorResponse({ status: 413, code: "invalid_input", message: tooLargeMessage(limit) });
    const declared = Number(req.headers["content-length"] ?? "0");
    if (hasBody && declared > limit) return answerUnread(req, res, tooLarge(), declared);

    let cutOff = false;
    const answered = new AbortController();
    const aborted = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const init: RequestInit & { duplex?: "half" } = { method, headers: headersOf(req), signal: aborted.signal };
    if (hasBody) {
      const parsed = alreadyParsedBody(req);
      if (parsed) (init.headers as Headers).delete("content-length");
      init.body = parsed ? streamOf(parsed) : bodyOf(req, limit, () => (cutOff = true), answered.signal);
      init.duplex = "half";
    }
    const request = new Request(url, init);
    nodeRequests.set(request, req);
    const response = await handler(request);
    answered.abort();
    if (cutOff) {
      await response.body?.cancel();
      return answerUnread(req, res, tooLarge(), declared);
    }
    if (hasBody && !req.complete) return answerUnread(req, res, response, declared);
    return writeResponse(req, res, response, false);
  }

  return (req, res, next) => {
    serve(req, res, next).catch((error: unknown) => {
      if (next) return next(error);
      if (res.headersSent) return res.destroy();
      void writeResponse(req, res, errorResponse({ status: 500, code: "internal_error", message: "The server failed." }), true);
    });
  };
}
