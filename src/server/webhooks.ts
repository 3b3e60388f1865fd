import { isTerminalStatus } from "../core/types";
import {
  bodyDeadlineOf,
  BodyTimeoutError,
  BodyTooLargeError,
  declaredLength,
  discardUnread,
  readLimited,
  tooLargeMessage,
} from "./body";
import type { ProxyContext } from "./context";
import { storeCall, type Where } from "./store-call";
import type { WebhookSettings } from "./options";
import type { ServerWatch } from "./push/watch";
import { baseHeaders, errorResponse } from "./responses";

/** An unguessable token for one job's webhook URL: 32 random bytes, base64url (43 characters). */
export function newWebhookToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const accepted = (checked: boolean) =>
  new Response(JSON.stringify({ received: true, checked }), { status: 200, headers: baseHeaders() });

/**
 * `POST {proxyUrl}/webhooks/{token}`: PixelDojo says a job changed. The token is looked up
 * before a byte of the body is read: an unknown one answers 404 at once and the body is
 * cancelled (its connection closed), so nobody without a token can hold a connection by
 * trickling a delivery. Nothing in a delivery is believed: it is read (within the size limit
 * and the body clock) and dropped, and the job is read upstream with the key, at most once per
 * job per `minIntervalMs` however many deliveries arrive, forged or replayed.
 */
export async function handleWebhook(
  ctx: ProxyContext,
  where: Where,
  request: Request,
  token: string,
  settings: WebhookSettings,
  watch: ServerWatch,
): Promise<Response> {
  const found = token
    ? await storeCall(ctx, where, "look up a webhook", () => ctx.store.findJobByWebhookToken(token))
    : undefined;
  if (found && !found.ok) return found.response;
  const jobId = found?.value;
  if (!jobId) {
    await request.body?.cancel().catch(() => undefined);
    return errorResponse({ status: 404, code: "not_found", message: "Unknown webhook." });
  }
  const tooLarge = () =>
    errorResponse({ status: 413, code: "invalid_input", message: tooLargeMessage(settings.maxBodyBytes) });
  // Refused bodies are drained as the other routes' are, so the 413 reaches PixelDojo.
  if (declaredLength(request) > settings.maxBodyBytes) {
    await discardUnread(request);
    return tooLarge();
  }
  try {
    await readLimited(request.body, settings.maxBodyBytes, { drain: true, deadline: bodyDeadlineOf(request) });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge();
    if (error instanceof BodyTimeoutError)
      return errorResponse({ status: 408, code: "invalid_input", message: error.message });
    return errorResponse({ status: 400, code: "invalid_input", message: "The delivery could not be read." });
  }
  const record = await storeCall(ctx, where, "read a job", () => ctx.store.getJob(jobId));
  if (!record.ok) return record.response;
  if (!record.value || isTerminalStatus(record.value.status)) return accepted(false);
  // A fresh holder per delivery: the lease is free only once the interval has passed.
  const turn = await storeCall(ctx, where, "pace webhook reads", () =>
    ctx.store.acquireLease(`nudge:${jobId}`, crypto.randomUUID(), settings.minIntervalMs),
  );
  if (!turn.ok) return turn.response;
  if (!turn.value) return accepted(false);
  ctx.emit({ level: "info", event: "webhook", ...where, message: "A webhook arrived; the job is read upstream." });
  await watch.refresh(jobId);
  return accepted(true);
}
