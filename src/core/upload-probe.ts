import type { KlingClientOptions } from "./client";
import { UPLOADS_PATH } from "./contract";
import { proxyFetch, proxyHeaders } from "./transport";

// Apart from the uploader: the form asks this question up front, and loads the uploader (its
// own chunk) only when the answer is yes.

/** `proxyOffersUploads`' options: the app's `fetch` and auth `headers`, as for `createKlingClient`. */
export interface ProxyProbeOptions extends Pick<KlingClientOptions, "fetch" | "headers"> {
  /** Stops the probe (an unmounted component): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Whether the proxy at `proxyUrl` takes uploads: `GET {proxyUrl}/uploads`, which the library's
 * proxy answers `200 { "uploads": true | false }` to anyone. Anything else (another proxy, an
 * older one, no answer) means no. Rejects with the signal's reason when aborted.
 */
export async function proxyOffersUploads(proxyUrl: string, options: ProxyProbeOptions = {}): Promise<boolean> {
  const { signal } = options;
  try {
    // Inside: the app's headers() failing (no session yet) is a "no" like any other.
    const transport = { ...options, proxyUrl };
    const answer = await proxyFetch(
      transport,
      UPLOADS_PATH,
      { signal },
      await proxyHeaders(transport, { accept: "application/json" }),
    );
    if (!answer.ok) return false;
    const body: unknown = await answer.json();
    return (body as { uploads?: unknown } | null)?.uploads === true;
  } catch {
    signal?.throwIfAborted();
    return false;
  }
}
