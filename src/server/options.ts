import { estimateCredits, type PricingFunction } from "../core/limits";
import { PIXELDOJO_API_URL } from "../core/upstream";
import { isHttpUrl } from "../core/validate";
import { DEFAULT_MAX_BODY_BYTES } from "./body";
import { normalizeBasePath } from "./routes";
import { resolveApiKey } from "./secrets";
import { createMemoryStore } from "./store/memory";
import type { KlingSpendLimit, KlingStore } from "./store/types";
import type { KlingProxyOptions } from "./types";

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ProxySettings {
  apiKey: string;
  upstream: string;
  basePath: string;
  maxBodyBytes: number;
  timeoutMs: number;
  ownership: boolean;
  store: KlingStore;
  pricing: PricingFunction;
}

const fail = (message: string): never => {
  throw new TypeError(`createKlingProxy: ${message}`);
};

function normalizeUpstream(upstream: string): string {
  // The URL rule of the edit input (absolute http(s), no credentials), and no query or hash.
  if (!isHttpUrl(upstream) || /[?#]/.test(upstream)) {
    fail(`upstream must be a plain absolute http(s) URL without credentials, query or hash; got ${JSON.stringify(upstream)}.`);
  }
  const url = new URL(upstream);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a positive number.`);
  return value;
}

/** A spend limit that can be enforced: positive credits and window. Throws with the context's name. */
export function checkSpendLimit(limit: KlingSpendLimit, name: string): KlingSpendLimit {
  if (typeof limit !== "object" || limit === null) fail(`${name} must be { credits, windowMs }.`);
  positive(limit.credits, `${name}.credits`);
  positive(limit.windowMs, `${name}.windowMs`);
  return limit;
}

/** Every option checked once, at construction: a misconfigured proxy fails at start-up. */
export function resolveSettings(options: KlingProxyOptions): ProxySettings {
  if (typeof options?.authorize !== "function") {
    fail("`authorize(request, action, caller)` is required: decide who may spend your PixelDojo credits.");
  }
  const ownership = options.ownership ?? true;
  if (typeof ownership !== "boolean") fail("ownership must be true or false.");
  if (options.identify !== undefined && typeof options.identify !== "function") fail("identify must be a function.");
  if (ownership && !options.identify) {
    fail(
      "`identify(request)` is required: it names the user behind a request, so that users read only their own jobs. Pass `ownership: false` only if every user may read every job.",
    );
  }
  const { spendLimit } = options;
  if (spendLimit !== undefined && typeof spendLimit !== "function") checkSpendLimit(spendLimit, "spendLimit");
  return {
    apiKey: resolveApiKey(options.apiKey),
    upstream: normalizeUpstream(options.upstream ?? PIXELDOJO_API_URL),
    basePath: normalizeBasePath(options.basePath),
    maxBodyBytes: Math.floor(positive(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, "maxBodyBytes")),
    timeoutMs: positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs"),
    ownership,
    store: options.store ?? createMemoryStore(),
    pricing: options.pricing ?? estimateCredits,
  };
}
