import { JOB_ID_PATTERN, jobPath } from "../core/contract";
import { codeForStatus } from "../core/errors";
import { parseRetryAfter } from "../core/retry-after";
import { baseHeaders, errorResponse } from "./responses";
import { redactStrings, sanitizeJobAnswer } from "./sanitize";
import type { UpstreamResult } from "./upstream-call";

export interface AnswerContext {
  /** `{origin}{basePath}` of the proxy as the browser reached it. */
  proxyRoot: string;
  /** The job asked about, for a status request. */
  jobId?: string;
  submit: boolean;
  redact: (text: string) => string;
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Points `statusUrl` at the proxy, so nothing the browser sees leads to the upstream. */
function rewriteStatusUrl(body: unknown, context: AnswerContext): unknown {
  if (!isRecord(body) || !("statusUrl" in body)) return body;
  const jobId = typeof body.jobId === "string" && JOB_ID_PATTERN.test(body.jobId) ? body.jobId : context.jobId;
  const rewritten = { ...body };
  if (jobId) rewritten.statusUrl = `${context.proxyRoot}${jobPath(jobId)}`;
  else delete rewritten.statusUrl;
  return rewritten;
}

/** The browser's answer to what the upstream did: status and JSON pass through, safely. */
export function answerFromUpstream(result: UpstreamResult, context: AnswerContext): Response {
  if (result.kind === "timeout") {
    return errorResponse({
      status: 504,
      code: "timeout",
      message: context.submit
        ? "The video service did not answer in time. The edit may still have started: check your jobs before sending it again."
        : "The video service did not answer in time.",
    });
  }
  if (result.kind === "unreachable") {
    return errorResponse({ status: 502, code: "upstream_error", message: "The video service could not be reached." });
  }
  if (result.kind !== "answered" || result.status < 200 || result.status > 599) {
    return errorResponse({ status: 502, code: "bad_response" });
  }

  const headers: Record<string, string> = {};
  const retryAfter = result.retryAfter?.trim();
  if (retryAfter && retryAfter.length <= 64 && parseRetryAfter(retryAfter) !== undefined) {
    headers["retry-after"] = retryAfter;
  }
  if (NULL_BODY_STATUSES.has(result.status)) {
    return new Response(null, { status: result.status, headers: baseHeaders(headers) });
  }

  let body: unknown;
  try {
    body = JSON.parse(result.text);
  } catch {
    // Not JSON (a CDN's HTML error page, say): never served from the app's origin as it is.
    if (result.status < 400) return errorResponse({ status: 502, code: "bad_response" });
    return errorResponse({ status: result.status, code: codeForStatus(result.status), headers });
  }
  // A job answer through the one sanitiser; an error answer with its strings redacted. Then
  // redacted once more after serialising, so the key is caught whatever escapes it came in.
  const clean = result.status < 300 ? sanitizeJobAnswer(body, context.redact) : redactStrings(body, context.redact);
  return new Response(context.redact(JSON.stringify(rewriteStatusUrl(clean, context))), {
    status: result.status,
    headers: baseHeaders(headers),
  });
}
