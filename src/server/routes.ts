/** The `Allow` header of a route: its method, OPTIONS, and HEAD for what answers GET. */
export function allowOf(method: "GET" | "POST"): string {
  return method === "GET" ? "GET, HEAD, OPTIONS" : "POST, OPTIONS";
}

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
