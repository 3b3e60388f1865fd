// Apart from the upload rule (uploads.ts): only the uploader, loaded when the proxy takes uploads,
// and the server read tickets, so a page with a form but no uploads does not load this.
import { isHttpUrl } from "./validate";

/**
 * The answer of `POST {proxyUrl}/uploads`: the browser PUTs the file to `uploadUrl` with exactly
 * `headers` (and exactly `size` bytes), then submits `url` as the edit's `video_url` (or among
 * its `image_urls`). The server's `KlingUploadTicket` is this shape.
 */
export interface UploadTicket {
  /** Accepts one PUT of this one file until `expiresAt`. */
  uploadUrl: string;
  method: "PUT";
  /** Headers the PUT must carry, as they are: a signature may cover them. */
  headers: Record<string, string>;
  /** Where PixelDojo (and the editor's "before" video) reads the file; valid at least as long as a job takes. */
  url: string;
  /** When `uploadUrl` stops working (ISO 8601). */
  expiresAt: string;
}

/** `value` as a ticket when it is one (nothing but its five fields, each of the right shape); undefined otherwise. */
export function parseUploadTicket(value: unknown): UploadTicket | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { uploadUrl, method, headers, url, expiresAt } = value as Record<string, unknown>;
  if (!isHttpUrl(uploadUrl) || method !== "PUT" || !isHttpUrl(url)) return undefined;
  if (typeof expiresAt !== "string" || Number.isNaN(Date.parse(expiresAt))) return undefined;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) return undefined;
  const entries = Object.entries(headers);
  if (!entries.every(([, header]) => typeof header === "string")) return undefined;
  return { uploadUrl, method, headers: Object.fromEntries(entries) as Record<string, string>, url, expiresAt };
}
