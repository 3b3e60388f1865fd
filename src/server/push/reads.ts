// How the server watch reads one upstream answer: a failure as the schedule understands it.
import { codeForStatus, KlingError } from "../../core/errors";
import { parseRetryAfter } from "../../core/retry-after";
import type { UpstreamResult } from "../upstream-call";

/** A failed upstream read as the schedule understands it (transient or not, Retry-After). */
export function failureOf(result: UpstreamResult): KlingError | undefined {
  if (result.kind === "timeout") return new KlingError("timeout", { status: 504 });
  if (result.kind === "unreachable") return new KlingError("network_error");
  if (result.kind !== "answered") return new KlingError("bad_response");
  if (result.status === 200) return undefined;
  return new KlingError(codeForStatus(result.status), {
    status: result.status,
    retryAfterMs: parseRetryAfter(result.retryAfter),
  });
}
