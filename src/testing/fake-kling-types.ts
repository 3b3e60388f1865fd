// The simulated PixelDojo job API's public shapes: its options, its jobs, the requests it saw.
import type { KlingLimits, PricingFunction } from "../core/limits";
import type { KlingJob, NormalizedEditInput } from "../core/types";

/** A fault the fake can inject, before it does anything else with a request. */
export type FakeFault = "rate_limit" | "server_error" | "network_error" | "malformed";

export interface FakeKlingOptions {
  /** The bearer key the upstream accepts. Default `"test-key"`. */
  apiKey?: string;
  /** Where the simulated upstream answers. Default PixelDojo's `/api/v1`. */
  upstreamUrl?: string;
  /** Starting credit balance. Default 1000. */
  credits?: number;
  /** Credits charged per submit. Default: per second of input, 8 (pro) or 6 (standard), as PixelDojo bills. */
  pricing?: PricingFunction;
  /** Time a job stays `pending`. Default 5 s. */
  queueMs?: number;
  /** Time a job stays `processing`. Default 120 s. */
  processingMs?: number;
  /** Share of jobs that end `failed`, 0–1. Default 0. */
  failureRate?: number;
  failureMessage?: string;
  /** Shares of requests answered with a fault, 0–1 each. Default 0. */
  rateLimitRate?: number;
  serverErrorRate?: number;
  networkErrorRate?: number;
  malformedRate?: number;
  /** `Retry-After` of injected 429s, seconds. Default 2. */
  retryAfterSeconds?: number;
  /** The edited video of a completed job. */
  outputVideoUrl?: string | ((job: FakeJob) => string);
  /** How long a job and its output stay available after submit. Default 24 h. */
  resultTtlMs?: number;
  /** Time the fake takes to answer, on real (or fake) timers. Default 0. */
  latencyMs?: number;
  /**
   * Seed of the fake's own random numbers (job ids, fault and failure draws), so runs repeat.
   * Default: a random seed, so job ids differ between fakes (a job id saved before a restart of
   * a dev server never names another job).
   */
  seed?: number;
  /** The fake's clock. Default `Date.now()` plus whatever `advance()` added. */
  now?: () => number;
  /** Limits the fake holds a submit to; the model's published ones by default (the fake's own copy). */
  limits?: Partial<KlingLimits>;
  /**
   * Where the fake delivers webhooks (a submit's `webhook_url`, on every status change, as its
   * own timers or `advance()` reach it). Default the global `fetch`; tests route it to a proxy.
   */
  webhookFetch?: typeof fetch;
}

export interface FakeJob {
  jobId: string;
  input: NormalizedEditInput;
  createdAt: number;
  creditCost: number;
  willFail: boolean;
  /** The submit's `webhook_url`, when it gave one. */
  webhookUrl?: string;
}

/** One webhook delivery the fake made. */
export interface FakeWebhook {
  jobId: string;
  status: string;
  url: string;
  at: number;
}

export interface FakeRequest {
  method: string;
  /** Path below the upstream root, e.g. `/jobs/job_1`; the whole URL for others. */
  path: string;
  /** `other` for URLs outside the upstream root (answered 404). */
  via: "upstream" | "other";
  at: number;
  authorization: string | null;
  body?: unknown;
}

export interface FakeFaultRule {
  fault: FakeFault;
  /** Which calls it hits. Default `"any"`. */
  on?: "submit" | "status" | "any";
  /** How many requests it hits. Default 1. */
  times?: number;
  retryAfterSeconds?: number;
}

/** A response, or `"network_error"` for a connection that fails. */
export type FakeAnswer = Response | "network_error";

export interface FakeKling {
  /** A `fetch` that answers the upstream URLs; anything else is refused. */
  fetch: typeof fetch;
  /** Answers one request, as the upstream would. */
  handle(request: Request): Promise<FakeAnswer>;
  /** Injects faults for the next matching requests, deterministically. */
  failNext(rule: FakeFaultRule): void;
  /** Moves the fake's clock forward. */
  advance(ms: number): void;
  now(): number;
  /** Changes options on the fly (the Storybook playground does); `credits` sets the balance. */
  setOptions(options: Partial<FakeKlingOptions>): void;
  readonly options: Readonly<FakeKlingOptions>;
  readonly credits: number;
  readonly jobs: readonly FakeJob[];
  readonly requests: readonly FakeRequest[];
  /** Every webhook delivery it made. */
  readonly webhooks: readonly FakeWebhook[];
  /** Delivers the webhooks now due (status changes not yet told); resolves once they are answered. */
  deliverWebhooks(): Promise<void>;
  /** What the API would say of a job now. */
  jobView(jobId: string): KlingJob | undefined;
  /** Forgets jobs, requests and faults; restores the starting credits. */
  reset(): void;
}
