import { matchContractPath } from "../core/contract";

export type Route =
  | { kind: "submit"; allow: string }
  | { kind: "status"; allow: string; jobId: string }
  /** `/jobs/<something>` that is not a job id: a clear 404, never forwarded. */
  | { kind: "bad-job-id" }
  | { kind: "unknown" };

export const SUBMIT_ALLOW = "POST, OPTIONS";
export const STATUS_ALLOW = "GET, HEAD, OPTIONS";

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

/** The route of a path below the base: an exact match against the calls of the contract. */
export function matchRoute(path: string | undefined): Route {
  const route = matchContractPath(path);
  if (route.kind === "submit") return { kind: "submit", allow: SUBMIT_ALLOW };
  if (route.kind === "status") return { kind: "status", allow: STATUS_ALLOW, jobId: route.jobId };
  if (route.kind === "bad-job-id" || route.kind === "events") return { kind: "bad-job-id" };
  return { kind: "unknown" };
}
