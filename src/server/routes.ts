/** `""` or `/a/b`: one leading slash, no trailing one. Throws on what cannot be a path prefix. */
export function normalizeBasePath(basePath = ""): string {
  const trimmed = basePath.trim().replace(/\/+$/, "");
  if (trimmed === "") return "";
  const base = trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
  if (/[?#\\%]|\/\/|(^|\/)\.\.?(\/|$)/.test(base)) {
    throw new TypeError(`basePath must be a plain path such as "/api/kling"; got ${JSON.stringify(basePath)}.`);
  }
  return base;
}

// Separators, dots and percent signs that arrive encoded only ever serve to make one path mean
// two things (to us and to whatever decodes it next). Legitimate requests never need them.
const ENCODED_TRICKS = /%(2f|5c|25|2e|00)/i;

/**
 * The path below `basePath`, decoded once, or `undefined` when the request is not for this
 * proxy or its path is shaped to confuse. `pathname` is the URL parser's (dot segments
 * already resolved), so `/api/kling/../x` never gets here as a proxy path.
 */
export function pathBelowBase(pathname: string, basePath: string): string | undefined {
  if (ENCODED_TRICKS.test(pathname) || pathname.includes("//") || pathname.includes("\\")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith(`${basePath}/`)) return undefined;
  return decoded.slice(basePath.length);
}

/** Whether a path is this proxy's to answer (the Node adapter passes the rest to `next`). */
export function isUnderBase(pathname: string, basePath: string): boolean {
  return basePath === "" || pathname === basePath || pathname.startsWith(`${basePath}/`);
}

// The Fetch standard's forbidden methods: `new Request(url, { method })` throws on them.
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Whether a Web `Request` can carry this method; the others are answered 405 before one is built. */
export function isCarriableMethod(method: string): boolean {
  return METHOD_TOKEN.test(method) && !FORBIDDEN_METHODS.has(method.toUpperCase());
}

/**
 * Key of the proxy's own answer to a method no `Request` can carry (routed, refused and logged
 * like any other): the Node adapter asks for it instead of building a `Request` that would throw.
 * Registered, so that two copies of the library (ESM and CommonJS) still find each other's.
 */
export const refuseUncarriable: unique symbol = Symbol.for("react-kling-edit.refuseUncarriable");
export type UncarriableRefusal = (url: URL, method: string) => Promise<Response>;

/**
 * CSRF defence for the routes that change state (beside the JSON content-type rule): a browser
 * marks a request another site's page made `Sec-Fetch-Site: cross-site`, which is refused unless
 * its `Origin` is one the app allows. `same-origin`, `same-site`, `none` and no header at all
 * (older browsers, servers) pass.
 */
export function isRefusedCrossSite(request: Request, allowedOrigins: ReadonlySet<string>): boolean {
  if (request.headers.get("sec-fetch-site")?.trim().toLowerCase() !== "cross-site") return false;
  const origin = request.headers.get("origin");
  return origin === null || !allowedOrigins.has(origin);
}
