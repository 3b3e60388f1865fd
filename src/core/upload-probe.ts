import type { KlingClientOptions } from "./client";
import { proxyBase, resolveHeaders, UPLOADS_PATH } from "./contract";

// Apart from the uploader: the form asks this question up front, and loads the uploader (its
// own chunk) only when the answer is yes.

/** `proxyOffersUploads`' options: the app's `fetch` and auth `headers`, as for `createKlingClient`. */
export interface ProxyProbeOptions extends Pick<KlingClientOptions, "fetch" | "headers"> {
  /** Stops the probe (an unmounted component): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The methods an `Allow` header names, upper-case. */
const allowed = (response: Response) => new Set((response.headers.get("allow") ?? "").split(",").map((method) => method.trim().toUpperCase()));
/** The uploads route's own `Allow`: POST (and OPTIONS), never GET, which a catch-all would list. */
const isUploadsRoute = (methods: Set<string>) => methods.has("POST") && !methods.has("GET");

/**
 * Whether the proxy at `proxyUrl` takes uploads. `OPTIONS {proxyUrl}/uploads` answers it
 * without a log line: the library's proxy says 204 with `Allow: POST, OPTIONS` when it has
 * `uploads`, and 404 when not. Where something else answers OPTIONS first (Vite's dev server
 * answers every OPTIONS itself; Next.js answers it for a route file that exports no OPTIONS),
 * `GET {proxyUrl}/uploads` decides: the proxy's 405 with `Allow: POST`, or its 404. False when
 * the proxy does not answer at all; rejects with the signal's reason when aborted.
 */
export async function proxyOffersUploads(proxyUrl: string, options: ProxyProbeOptions = {}): Promise<boolean> {
  const { signal } = options;
  const headers = await resolveHeaders(options.headers);
  const ask = (method: "OPTIONS" | "GET") =>
    (options.fetch ?? fetch)(proxyBase(proxyUrl) + UPLOADS_PATH, { method, headers, cache: "no-store", signal });
  try {
    const answer = await ask("OPTIONS");
    if (answer.status === 404) return false;
    if (answer.ok && isUploadsRoute(allowed(answer))) return true;
    const fallback = await ask("GET");
    return fallback.status === 405 && isUploadsRoute(allowed(fallback));
  } catch {
    signal?.throwIfAborted();
    return false;
  }
}
