import { isHttpUrl } from "../core/validate";
import { PIXELDOJO_API_URL } from "../core/upstream";
import { DEFAULT_MAX_BODY_BYTES } from "./body";
import { normalizeBasePath } from "./routes";
import { resolveApiKey } from "./secrets";
import type { KlingProxyOptions } from "./types";

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ProxySettings {
  apiKey: string;
  upstream: string;
  basePath: string;
  maxBodyBytes: number;
  timeoutMs: number;
}

function normalizeUpstream(upstream: string): string {
  // The URL rule of the edit input (absolute http(s), no credentials), and no query or hash.
  if (!isHttpUrl(upstream) || /[?#]/.test(upstream)) {
    throw new TypeError(
      `createKlingProxy: upstream must be a plain absolute http(s) URL without credentials, query or hash; got ${JSON.stringify(upstream)}.`,
    );
  }
  const url = new URL(upstream);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`createKlingProxy: ${name} must be a positive number.`);
  return value;
}

/** Every option checked once, at construction: a misconfigured proxy fails at start-up. */
export function resolveSettings(options: KlingProxyOptions): ProxySettings {
  if (typeof options?.authorize !== "function") {
    throw new TypeError(
      "createKlingProxy: `authorize(request, action)` is required: decide who may spend your PixelDojo credits.",
    );
  }
  return {
    apiKey: resolveApiKey(options.apiKey),
    upstream: normalizeUpstream(options.upstream ?? PIXELDOJO_API_URL),
    basePath: normalizeBasePath(options.basePath),
    maxBodyBytes: Math.floor(positive(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, "maxBodyBytes")),
    timeoutMs: positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs"),
  };
}
