// PixelDojo's side of the wire, as the simulated upstream holds it: its paths and what its Kling
// O3 video-edit model accepts, written from the published facts (README, "Upstream facts the
// library relies on"). Written here on purpose and not imported from the library's contract or
// validation: a fake that shared the rules of the code it stands opposite could never disagree
// with it, so a drift between the proxy and the upstream would go unseen. Only types come from
// the library (they name limits and fields; they decide nothing).
import type { KlingLimits, PricingFunction } from "../core/limits";
import type { NormalizedEditInput } from "../core/types";

/** PixelDojo's API root. */
export const PIXELDOJO_API_URL = "https://pixeldojo.ai/api/v1";

/** The model's submit path, below the API root. */
export const UPSTREAM_RUN_PATH = "/models/kling-video-edit/run";
/** One job's status, below the API root (the `statusUrl` of a submit's answer). */
export const upstreamJobPath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;

/**
 * Where the simulated upstream answers: its configured URL without trailing slashes. Kept apart
 * from the library's base-URL rule: how the proxy normalises its `upstream` option is part of
 * what the fake tests, so the fake must not normalise the same way by construction.
 */
export const upstreamRootOf = (url: string | undefined) => (url ?? PIXELDOJO_API_URL).replace(/\/+$/, "");

/** What a path below the API root asks PixelDojo for. */
export type UpstreamRoute = { kind: "run" } | { kind: "job"; jobId: string } | { kind: "none" };

/** PixelDojo's two calls: the run path exactly, or `/jobs/` and one non-empty segment. */
export function upstreamRouteOf(path: string): UpstreamRoute {
  if (path === UPSTREAM_RUN_PATH) return { kind: "run" };
  const segment = /^\/jobs\/([^/]+)$/.exec(path)?.[1];
  if (!segment) return { kind: "none" };
  try {
    return { kind: "job", jobId: decodeURIComponent(segment) };
  } catch {
    // A malformed escape names no job.
    return { kind: "none" };
  }
}

/** The model's published limits: the defaults the fake holds a submit to. */
export const MODEL_LIMITS = {
  minDurationSeconds: 3,
  maxDurationSeconds: 10,
  maxPromptLength: 2500,
  maxReferenceImages: 4,
  videoContainers: ["mp4", "mov"],
} satisfies Partial<KlingLimits>;

/** What the simulated PixelDojo charges: billed per second of input, 40 credits for 5 s pro. */
export const chargeOf: PricingFunction = ({ video_duration, tier }) =>
  Math.ceil(Math.max(0, video_duration)) * (tier === "standard" ? 6 : 8);

/** One refused field, with a code a test (or the browser) can read. */
export interface UpstreamFieldIssue {
  code: string;
  message: string;
}

export type UpstreamCheck =
  | { ok: true; input: NormalizedEditInput; webhookUrl?: string }
  | { ok: false; status: 400 | 422; message: string; fieldErrors: Record<string, UpstreamFieldIssue> };

/** True for an absolute http(s) URL: PixelDojo fetches the video and images itself. */
function isWebUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Containers a file extension names. */
const CONTAINERS: Record<string, string> = {
  mp4: "mp4",
  m4v: "mp4",
  mov: "mov",
  qt: "mov",
  webm: "webm",
  mkv: "mkv",
  avi: "avi",
  ogv: "ogg",
};

/** The container a video URL's path names by its extension, if it names one. */
function containerOfUrl(url: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return extension ? CONTAINERS[extension] : undefined;
}

/**
 * A submit's body as the model takes it: the documented fields (unknown ones ignored, defaults
 * applied), 400 with the refused fields, or 422 for a video the model cannot read as far as its
 * URL tells (a container it does not take).
 */
export function checkRunBody(body: unknown, limits: Partial<KlingLimits> = {}): UpstreamCheck {
  const { minDurationSeconds, maxDurationSeconds, maxPromptLength, maxReferenceImages, videoContainers } = {
    ...MODEL_LIMITS,
    ...limits,
  };
  const raw: Record<string, unknown> =
    typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const fieldErrors: Record<string, UpstreamFieldIssue> = {};
  const refuse = (field: string, code: string, message: string) => void (fieldErrors[field] ??= { code, message });

  const prompt = typeof raw.prompt === "string" ? raw.prompt.trim() : "";
  if (raw.prompt !== undefined && typeof raw.prompt !== "string")
    refuse("prompt", "invalid_type", "prompt must be a string.");
  else if (!prompt) refuse("prompt", "required", "prompt is required.");
  else if (prompt.length > maxPromptLength)
    refuse("prompt", "too_long", `prompt is ${prompt.length} characters; at most ${maxPromptLength} are accepted.`);

  if (raw.video_url === undefined || raw.video_url === "") refuse("video_url", "required", "video_url is required.");
  else if (!isWebUrl(raw.video_url)) refuse("video_url", "invalid_url", "video_url must be a public http(s) URL.");

  const duration = raw.video_duration;
  if (duration === undefined) refuse("video_duration", "required", "video_duration is required.");
  else if (typeof duration !== "number" || !Number.isFinite(duration))
    refuse("video_duration", "invalid_type", "video_duration must be a number of seconds.");
  else if (duration < minDurationSeconds || duration > maxDurationSeconds) {
    refuse(
      "video_duration",
      "out_of_range",
      `The video must be ${minDurationSeconds} to ${maxDurationSeconds} seconds long (this one is ${duration} s).`,
    );
  }

  const tier = raw.tier ?? "pro";
  if (tier !== "standard" && tier !== "pro") refuse("tier", "invalid_option", 'tier must be "standard" or "pro".');
  const keepAudio = raw.keep_audio ?? true;
  if (typeof keepAudio !== "boolean") refuse("keep_audio", "invalid_type", "keep_audio must be a boolean.");

  const images = raw.image_urls;
  if (images !== undefined && !(Array.isArray(images) && images.every(isWebUrl))) {
    refuse("image_urls", "invalid_type", "image_urls must be a list of public http(s) URLs.");
  } else if (Array.isArray(images) && images.length > maxReferenceImages) {
    refuse(
      "image_urls",
      "too_many",
      `At most ${maxReferenceImages} reference images are accepted (${images.length} given).`,
    );
  }

  const first = Object.values(fieldErrors)[0];
  if (first) return { ok: false, status: 400, message: first.message, fieldErrors };

  const videoUrl = raw.video_url as string;
  const container = containerOfUrl(videoUrl);
  if (container && !videoContainers.includes(container)) {
    const message = `The video must be ${videoContainers.map((name) => name.toUpperCase()).join(" or ")}; this one is ${container.toUpperCase()}.`;
    return { ok: false, status: 422, message, fieldErrors: { video_url: { code: "invalid_type", message } } };
  }
  const input: NormalizedEditInput = {
    prompt,
    video_url: videoUrl,
    video_duration: duration as number,
    tier: tier as NormalizedEditInput["tier"],
    keep_audio: keepAudio as boolean,
  };
  if (Array.isArray(images) && images.length) input.image_urls = [...(images as string[])];
  return isWebUrl(raw.webhook_url) ? { ok: true, input, webhookUrl: raw.webhook_url } : { ok: true, input };
}
