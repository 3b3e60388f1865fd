import type { KlingJob } from "../core/types";
import {
  checkRunBody,
  chargeOf,
  PIXELDOJO_API_URL,
  upstreamJobPath,
  upstreamRootOf,
  upstreamRouteOf,
} from "./pixeldojo";

export { PIXELDOJO_API_URL };

export type {
  FakeAnswer,
  FakeFault,
  FakeFaultRule,
  FakeJob,
  FakeKling,
  FakeKlingOptions,
  FakeRequest,
  FakeWebhook,
} from "./fake-kling-types";
import type {
  FakeAnswer,
  FakeFault,
  FakeFaultRule,
  FakeJob,
  FakeKling,
  FakeKlingOptions,
  FakeRequest,
  FakeWebhook,
} from "./fake-kling-types";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/**
 * An in-memory simulation of PixelDojo's job API for Kling O3 video edit, on a clock you
 * control. Put the real proxy in front of it (`createFakeProxy`), or use its `fetch` or its msw
 * handlers (`fakeKlingHandlers`) as the upstream of your own.
 */
export function createFakeKling(initial: FakeKlingOptions = {}): FakeKling {
  let options: FakeKlingOptions = { ...initial };
  let offset = 0;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  let random = mulberry32(seed);
  let credits = options.credits ?? 1000;
  let counter = 0;
  let jobs: FakeJob[] = [];
  let requests: FakeRequest[] = [];
  let rules: Array<Required<Omit<FakeFaultRule, "retryAfterSeconds">> & { retryAfterSeconds?: number }> = [];

  const now = () => (options.now ? options.now() : Date.now()) + offset;
  // The last status each job's webhook told, and every delivery made.
  let told = new Map<string, string>();
  let webhooks: FakeWebhook[] = [];
  async function notify(job: FakeJob): Promise<void> {
    const view = viewOf(job, upstreamRoot());
    if (!job.webhookUrl || told.get(job.jobId) === view.status || !jobs.includes(job)) return;
    told.set(job.jobId, view.status);
    webhooks.push({ jobId: job.jobId, status: view.status, url: job.webhookUrl, at: now() });
    await (options.webhookFetch ?? fetch)(job.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: "job.updated", job: view }),
    }).then(
      (response) => response.body?.cancel(),
      () => undefined,
    );
  }
  const deliverWebhooks = async () => void (await Promise.all(jobs.map(notify)));
  const upstreamRoot = () => upstreamRootOf(options.upstreamUrl);

  function viewOf(job: FakeJob, statusRoot: string): KlingJob {
    const t = now() - job.createdAt;
    const queueMs = options.queueMs ?? 5_000;
    const processingMs = options.processingMs ?? 120_000;
    const expiresAt = new Date(job.createdAt + (options.resultTtlMs ?? 24 * 3_600_000)).toISOString();
    const base = {
      jobId: job.jobId,
      statusUrl: `${statusRoot}${upstreamJobPath(job.jobId)}`,
      creditCost: job.creditCost,
      expiresAt,
    };
    if (t < queueMs) return { ...base, status: "pending" };
    if (t < queueMs + processingMs) return { ...base, status: "processing" };
    if (job.willFail) {
      return { ...base, status: "failed", error: options.failureMessage ?? "The model could not apply this edit." };
    }
    const output = options.outputVideoUrl;
    const video =
      typeof output === "function" ? output(job) : (output ?? `https://cdn.pixeldojo.example/kling/${job.jobId}.mp4`);
    return { ...base, status: "completed", output: { video } };
  }

  function pickFault(kind: "submit" | "status"): { fault: FakeFault; retryAfterSeconds?: number } | undefined {
    const rule = rules.find((r) => r.on === "any" || r.on === kind);
    if (rule) {
      if (--rule.times <= 0) rules = rules.filter((r) => r !== rule);
      return rule;
    }
    const rates: Array<[FakeFault, number | undefined]> = [
      ["network_error", options.networkErrorRate],
      ["rate_limit", options.rateLimitRate],
      ["server_error", options.serverErrorRate],
      ["malformed", options.malformedRate],
    ];
    for (const [fault, rate] of rates) if (rate && random() < rate) return { fault };
    return undefined;
  }

  async function answer(request: Request): Promise<FakeAnswer> {
    const root = upstreamRoot();
    const parsed = new URL(request.url);
    const url = parsed.origin + parsed.pathname;
    const via = url.startsWith(root + "/") ? "upstream" : "other";
    const path = via === "other" ? url : url.slice(root.length);
    const record: FakeRequest = {
      method: request.method,
      path,
      via,
      at: now(),
      authorization: request.headers.get("authorization"),
    };
    // Every request is recorded, also those it will not serve: "nothing reached the upstream"
    // must be checkable by looking here.
    requests.push(record);
    if (via === "other") return json(404, { error: `The fake Kling API does not serve ${url}` });
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    // PixelDojo serves its two calls (its own paths, not the proxy's matcher); nothing else.
    const route = upstreamRouteOf(path);
    const isSubmit = route.kind === "run";
    const jobId = route.kind === "job" ? route.jobId : undefined;
    if (!isSubmit && !jobId) return json(404, { error: "Not found" });
    if (isSubmit ? request.method !== "POST" : request.method !== "GET") {
      return json(405, { error: "Method not allowed" }, { allow: isSubmit ? "POST" : "GET" });
    }

    const fault = pickFault(isSubmit ? "submit" : "status");
    if (fault?.fault === "network_error") return "network_error";
    if (fault?.fault === "rate_limit") {
      const seconds = fault.retryAfterSeconds ?? options.retryAfterSeconds ?? 2;
      return json(429, { error: "Too many requests" }, { "retry-after": String(seconds) });
    }
    if (fault?.fault === "server_error") return json(500, { error: "Internal server error" });
    if (fault?.fault === "malformed") {
      return new Response("<html>Bad gateway</html>", { status: 200, headers: { "content-type": "text/html" } });
    }

    if (request.headers.get("authorization") !== `Bearer ${options.apiKey ?? "test-key"}`) {
      return json(401, { error: "Invalid or missing API key" });
    }

    if (jobId) {
      const job = jobs.find((j) => j.jobId === jobId);
      const view = job && viewOf(job, root);
      if (!view || now() >= Date.parse(view.expiresAt!)) return json(404, { error: "Job not found" });
      return json(200, view);
    }

    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return json(400, { error: "The request body must be JSON." });
    }
    record.body = body;
    const checked = checkRunBody(body, options.limits);
    if (!checked.ok) return json(checked.status, { error: checked.message, fieldErrors: checked.fieldErrors });
    const { input, webhookUrl } = checked;
    const creditCost = (options.pricing ?? chargeOf)(input);
    if (credits < creditCost) {
      return json(402, {
        error: `This edit needs ${creditCost} credits; ${credits} are left.`,
        creditsRemaining: credits,
      });
    }
    credits -= creditCost;
    const job: FakeJob = {
      jobId: `job_${(++counter).toString(36)}${Math.floor(random() * 36 ** 6).toString(36)}`,
      input,
      createdAt: now(),
      creditCost,
      willFail: random() < (options.failureRate ?? 0),
    };
    if (webhookUrl) {
      job.webhookUrl = webhookUrl;
      told.set(job.jobId, "pending");
      // Told when the job moves, on the fake's own timers too (`advance()` also tells).
      for (const at of [options.queueMs ?? 5_000, (options.queueMs ?? 5_000) + (options.processingMs ?? 120_000)]) {
        const timer = setTimeout(() => void notify(job), at + 1);
        (timer as { unref?: () => void }).unref?.();
      }
    }
    jobs.push(job);
    const view = viewOf(job, root);
    return json(202, {
      jobId: job.jobId,
      status: "pending",
      statusUrl: view.statusUrl,
      creditCost,
      creditsRemaining: credits,
      expiresAt: view.expiresAt,
    });
  }

  const fake: FakeKling = {
    handle: answer,
    fetch: async (input, init) => {
      const result = await answer(new Request(input, init));
      if (result === "network_error") throw new TypeError("Failed to fetch (simulated network error)");
      return result;
    },
    failNext(rule) {
      rules.push({ on: "any", times: 1, ...rule });
    },
    advance(ms) {
      offset += ms;
      void deliverWebhooks();
    },
    deliverWebhooks,
    get webhooks() {
      return webhooks;
    },
    now,
    setOptions(next) {
      options = { ...options, ...next };
      if (next.credits !== undefined) credits = next.credits;
    },
    get options() {
      return options;
    },
    get credits() {
      return credits;
    },
    get jobs() {
      return jobs;
    },
    get requests() {
      return requests;
    },
    jobView(jobId) {
      const job = jobs.find((j) => j.jobId === jobId);
      return job && viewOf(job, upstreamRoot());
    },
    reset() {
      jobs = [];
      told = new Map();
      webhooks = [];
      requests = [];
      rules = [];
      offset = 0;
      counter = 0;
      credits = initial.credits ?? 1000;
      random = mulberry32(seed);
      options = { ...initial };
    },
  };
  return fake;
}
