import { baseUrl, joinUrl } from "../core/base-url";
import { WEBHOOKS_PATH } from "../core/contract";
import { estimateCredits, type KlingLimits, type PricingFunction } from "../core/limits";
import { DEFAULT_POLLING, type PollingOptions } from "../core/schedule";
import { PIXELDOJO_API_URL } from "../core/upstream";
import { isHttpUrl } from "../core/validate";
import { DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } from "./body";
import { defaultLog } from "./log";
import { normalizeBasePath } from "./routes";
import { resolveApiKey } from "./secrets";
import { createMemoryStore } from "./store/memory";
import type { KlingSpendLimit, KlingStore, KlingUploadLimit, KlingUpstreamBudget } from "./store/types";
import type {
  KlingProxyAuthorize,
  KlingProxyIdentify,
  KlingProxyLogger,
  KlingProxyOptions,
  KlingSpendLimitOption,
  KlingUploadLimitOption,
} from "./types";
import type { KlingUploads } from "./uploads/types";

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Uploads per user unless `uploadLimit` says otherwise: 100 files and 2 GiB an hour, room for
 * an afternoon's editing (a clip and its reference images per edit), where an unbounded signer
 * let one account sign terabytes of public links in seconds.
 */
export const DEFAULT_UPLOAD_LIMIT: Readonly<KlingUploadLimit> = Object.freeze({
  count: 100,
  bytes: 2 * 1024 ** 3,
  windowMs: 3_600_000,
});
/** Open event streams per user unless `streamLimit` says otherwise: tabs beyond it poll. */
export const DEFAULT_STREAMS_PER_USER = 20;

/** The push settings, resolved: `undefined` when push is off. */
export interface PushSettings {
  heartbeatMs: number;
  polling: Required<PollingOptions>;
  tickMs: number;
  leaseMs: number;
}

export interface WebhookSettings {
  /** `{publicUrl}{WEBHOOKS_PATH}`, the root of every job's webhook URL. */
  root: string;
  maxBodyBytes: number;
  minIntervalMs: number;
}

/** Every option of `createKlingProxy`, checked and defaulted once: what the routes and the watch read. */
export interface ProxySettings {
  identify: KlingProxyIdentify | undefined;
  authorize: KlingProxyAuthorize;
  /** Overrides of the model limits for submits and uploads. */
  limits: Partial<KlingLimits> | undefined;
  /** Undefined when uploads are off. */
  uploads: KlingUploads | undefined;
  spendLimit: KlingSpendLimitOption | undefined;
  onJobFinished: KlingProxyOptions["onJobFinished"];
  upstreamBudget: KlingUpstreamBudget | undefined;
  log: KlingProxyLogger;
  /** The upstream's fetch, looked up per call so that a global replaced later is honoured. */
  fetch: typeof fetch;
  apiKey: string;
  upstream: string;
  basePath: string;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  /** Exact origins whose cross-site requests may still submit and upload. */
  allowedOrigins: ReadonlySet<string>;
  timeoutMs: number;
  ownership: boolean;
  store: KlingStore;
  pricing: PricingFunction;
  push: PushSettings | undefined;
  webhooks: WebhookSettings | undefined;
  /** Undefined when uploads are off or unlimited. */
  uploadLimit: KlingUploadLimitOption | undefined;
  /** Undefined when streams are not counted. */
  streamsPerUser: number | undefined;
}

const WEBHOOK_FALLBACK_POLLING: PollingOptions = { initialDelayMs: 10_000, intervalMs: 30_000 };

function resolveWebhooks(webhooks: KlingProxyOptions["webhooks"]): WebhookSettings | undefined {
  if (webhooks === undefined) return undefined;
  const publicUrl = webhooks?.publicUrl;
  if (!isHttpUrl(publicUrl) || /[?#]/.test(publicUrl)) {
    fail(
      `webhooks.publicUrl must be the proxy's public http(s) URL, e.g. "https://app.example.com/api/kling"; got ${JSON.stringify(publicUrl)}.`,
    );
  }
  return {
    root: joinUrl(publicUrl, WEBHOOKS_PATH),
    maxBodyBytes: Math.floor(positive(webhooks.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, "webhooks.maxBodyBytes")),
    minIntervalMs: positive(webhooks.minIntervalMs ?? 2_000, "webhooks.minIntervalMs"),
  };
}

function resolvePush(options: KlingProxyOptions, webhooks: boolean, timeoutMs: number): PushSettings | undefined {
  if (options.push === false) {
    if (webhooks || options.onJobFinished)
      fail("webhooks and onJobFinished need push (the server watch); leave `push` on.");
    return undefined;
  }
  const push = options.push ?? {};
  return {
    heartbeatMs: positive(push.heartbeatMs ?? 15_000, "push.heartbeatMs"),
    polling: { ...DEFAULT_POLLING, ...(webhooks ? WEBHOOK_FALLBACK_POLLING : {}), ...push.polling },
    tickMs: positive(push.tickMs ?? 500, "push.tickMs"),
    leaseMs: positive(push.leaseMs ?? timeoutMs + 5_000, "push.leaseMs"),
  };
}

const fail = (message: string): never => {
  throw new TypeError(`createKlingProxy: ${message}`);
};

function normalizeUpstream(upstream: string): string {
  // The URL rule of the edit input (absolute http(s), no credentials), and no query or hash.
  if (!isHttpUrl(upstream) || /[?#]/.test(upstream)) {
    fail(
      `upstream must be a plain absolute http(s) URL without credentials, query or hash; got ${JSON.stringify(upstream)}.`,
    );
  }
  return baseUrl(upstream);
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a positive number.`);
  return value;
}

// Past this, Node's timers fire at once instead (a 32-bit overflow): about 24.8 days.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Each entry an exact origin, as browsers send it in `Origin`: `https://app.example.com`. */
function resolveAllowedOrigins(origins: KlingProxyOptions["allowedOrigins"]): ReadonlySet<string> {
  if (origins === undefined) return new Set();
  if (!Array.isArray(origins)) fail('allowedOrigins must be an array of origins such as "https://app.example.com".');
  for (const origin of origins) {
    const exact = isHttpUrl(origin) ? new URL(origin).origin : undefined;
    if (exact === undefined || origin !== exact) {
      const hint = exact ? ` (did you mean ${JSON.stringify(exact)}?)` : "";
      fail(
        `allowedOrigins takes exact http(s) origins: scheme, host and port only, lower-case, no path or trailing slash; got ${JSON.stringify(origin)}${hint}.`,
      );
    }
  }
  return new Set(origins);
}

/** A spend limit that can be enforced: positive credits and window. Throws with the context's name. */
export function checkSpendLimit(limit: KlingSpendLimit, name: string): KlingSpendLimit {
  if (typeof limit !== "object" || limit === null) fail(`${name} must be { credits, windowMs }.`);
  positive(limit.credits, `${name}.credits`);
  positive(limit.windowMs, `${name}.windowMs`);
  return limit;
}

/** An upload limit that can be enforced: a positive whole count, bytes and window. Throws with the context's name. */
export function checkUploadLimit(limit: KlingUploadLimit, name: string): KlingUploadLimit {
  if (typeof limit !== "object" || limit === null) fail(`${name} must be { count, bytes, windowMs }.`);
  if (!Number.isInteger(limit.count) || limit.count < 1)
    fail(`${name}.count must be a whole number of files, 1 or more.`);
  positive(limit.bytes, `${name}.bytes`);
  positive(limit.windowMs, `${name}.windowMs`);
  return limit;
}

/** A store written before a limit's methods existed fails at start-up, not at every upload or stream. */
function requireStoreMethods(store: KlingStore | undefined, names: Array<keyof KlingStore>, option: string) {
  const missing = names.filter((name) => typeof store?.[name] !== "function");
  if (store && missing.length)
    fail(`${option} needs the store's ${missing.join(", ")} (see KlingStore): add them, or set ${option}: false.`);
}

function checkUpstreamBudget({ upstreamBudget: budget, store }: KlingProxyOptions) {
  if (budget === undefined) return;
  if (typeof budget !== "object" || budget === null) fail("upstreamBudget must be { requests, windowMs }.");
  if (!Number.isInteger(budget.requests) || budget.requests < 1)
    fail("upstreamBudget.requests must be a whole number, 1 or more.");
  positive(budget.windowMs, "upstreamBudget.windowMs");
  requireStoreMethods(store, ["takeBudget", "holdBudget"], "upstreamBudget");
}

function resolveUploadLimit(options: KlingProxyOptions): KlingUploadLimitOption | undefined {
  const { uploadLimit = DEFAULT_UPLOAD_LIMIT } = options;
  if (!options.uploads || uploadLimit === false) return undefined;
  requireStoreMethods(options.store, ["reserveUpload", "releaseUpload"], "uploadLimit");
  return typeof uploadLimit === "function" ? uploadLimit : checkUploadLimit(uploadLimit, "uploadLimit");
}

function resolveStreamLimit(options: KlingProxyOptions): number | undefined {
  const { streamLimit = { perUser: DEFAULT_STREAMS_PER_USER } } = options;
  if (options.push === false || streamLimit === false) return undefined;
  const perUser = (streamLimit as { perUser?: unknown } | null)?.perUser;
  if (typeof perUser !== "number" || !Number.isInteger(perUser) || perUser < 1)
    fail("streamLimit must be { perUser } with a whole number of streams, 1 or more, or false.");
  requireStoreMethods(options.store, ["acquireStreamSlot", "releaseStreamSlot"], "streamLimit");
  return perUser as number;
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
  if (options.onJobFinished !== undefined && typeof options.onJobFinished !== "function")
    fail("onJobFinished must be a function.");
  const webhooks = resolveWebhooks(options.webhooks);
  const timeoutMs = positive(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs");
  if (options.uploads !== undefined && typeof options.uploads?.presign !== "function") {
    fail("uploads must have a presign(request) function: pass s3Uploads({...}) or your own KlingUploads.");
  }
  if (options.uploads !== undefined && !options.identify) {
    // Without it every caller is the unnamed user, whom no storage can give a folder: each upload would be a 500.
    fail(
      "uploads need `identify(request)`: each user's files go to a folder of their own. With `ownership: false`, identify may answer one name for everyone.",
    );
  }
  checkUpstreamBudget(options);
  return {
    identify: options.identify,
    authorize: options.authorize,
    limits: options.limits,
    uploads: options.uploads,
    spendLimit,
    onJobFinished: options.onJobFinished,
    upstreamBudget: options.upstreamBudget,
    log: options.log ?? defaultLog,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    apiKey: resolveApiKey(options.apiKey),
    upstream: normalizeUpstream(options.upstream ?? PIXELDOJO_API_URL),
    basePath: normalizeBasePath(options.basePath),
    maxBodyBytes: Math.floor(positive(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, "maxBodyBytes")),
    bodyTimeoutMs: Math.min(positive(options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS, "bodyTimeoutMs"), MAX_TIMER_MS),
    allowedOrigins: resolveAllowedOrigins(options.allowedOrigins),
    timeoutMs,
    ownership,
    store: options.store ?? createMemoryStore(),
    pricing: options.pricing ?? estimateCredits,
    push: resolvePush(options, !!webhooks, timeoutMs),
    webhooks,
    uploadLimit: resolveUploadLimit(options),
    streamsPerUser: resolveStreamLimit(options),
  };
}
