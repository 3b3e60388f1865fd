import type { ErrorAnswer } from "./responses";

/** Default largest submit body: a valid edit is well under 10 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * How much of a refused request body is still read (and dropped) before the answer goes out,
 * and for how long. See `discardRest`.
 */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
export const DRAIN_MAX_MS = 5_000;

/** Default time a request body has to arrive whole, from the request's arrival (`bodyTimeoutMs`). */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** The body was longer than allowed; reading stopped at the first byte past the limit. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  readonly limit: number;
  constructor(limit: number) {
    super(`The body is larger than ${limit} bytes.`);
    this.limit = limit;
  }
}

const inWords = (ms: number) => (ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/** The one answer to a body that came too slowly, from the Web handler and the Node adapter alike. */
export const bodyTimeoutMessage = (timeoutMs: number) =>
  `The request body came too slowly: all of it must arrive within ${inWords(timeoutMs)}.`;

/** The body did not arrive whole in time; reading stopped and the stream was cancelled. */
export class BodyTimeoutError extends Error {
  override readonly name = "BodyTimeoutError";
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(bodyTimeoutMessage(timeoutMs));
    this.timeoutMs = timeoutMs;
  }
}

/** When a request's body must have arrived by (epoch ms), and the limit that set it. */
export interface BodyDeadline {
  at: number;
  timeoutMs: number;
}

// Kept beside the request rather than passed along: every reader of a body (submit, uploads,
// webhooks) honours the clock the proxy started when the request came in, without each route
// having to carry it.
const deadlines = new WeakMap<Request, BodyDeadline>();

/** Starts a request's body clock (once: the first start counts). */
export function startBodyClock(request: Request, timeoutMs: number, now = Date.now()): void {
  if (!deadlines.has(request)) deadlines.set(request, { at: now + timeoutMs, timeoutMs });
}

export const bodyDeadlineOf = (request: Request): BodyDeadline | undefined => deadlines.get(request);

const LATE = Symbol("late");

/** A promise that resolves to `LATE` at the deadline (never rejects, so it needs no catch). */
function lateAt(deadline: BodyDeadline): { late: Promise<typeof LATE>; clear: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), Math.max(0, deadline.at - Date.now()));
  });
  return { late, clear: () => clearTimeout(timer) };
}

/**
 * Reads what is left of a request body and drops it, up to `DRAIN_MAX_BYTES` and `DRAIN_MAX_MS`.
 * An answer sent while the client is still sending reaches it only if the server goes on
 * reading: a server that closes the connection with bytes unread makes the kernel reset it,
 * and the client never reads the answer (workerd did so for most oversized submits, which the
 * browser must then report as "may have been charged"). Cancelling the stream closes it the
 * same way. Past the bounds the stream is cancelled: only a client sending far more than any
 * request here needs, or trickling it, is cut off.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, declaredBytes = 0): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), DRAIN_MAX_MS);
  });
  try {
    // A declared length past the budget can never be drained: cut it off at once.
    for (let left = declaredBytes > DRAIN_MAX_BYTES ? 0 : DRAIN_MAX_BYTES; left > 0;) {
      const result = await Promise.race([reader.read(), timedOut]);
      if (result === "timeout") break;
      if (result.done) return;
      left -= result.value.byteLength;
    }
  } catch {
    return; // The stream failed: there is nothing left to read.
  } finally {
    clearTimeout(timer);
  }
  await reader.cancel().catch(() => undefined);
}

export const declaredLength = (request: Request) => Number(request.headers.get("content-length") ?? "0");

/**
 * Drops what is left of a request body nobody read (bounded, see `discardRest`), so that the
 * answer still reaches the client. Call it before answering a request whose body may be unread;
 * a body already read (or being read) is left alone.
 */
export async function discardUnread(request: Request): Promise<void> {
  const { body } = request;
  if (body && !body.locked) await discardRest(body.getReader(), declaredLength(request));
}

/**
 * Reads a body stream up to `limit` bytes, counting what actually arrives (a Content-Length
 * can lie). Past the limit it stops keeping bytes: an upstream answer is cancelled at once,
 * a request body (`drain`) is read on and dropped so that the 413 reaches the client. Past the
 * `deadline` the stream is cancelled and `BodyTimeoutError` thrown: a client trickling its
 * body holds nothing for long.
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  { drain = false, deadline }: { drain?: boolean; deadline?: BodyDeadline } = {},
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const timer = deadline ? lateAt(deadline) : undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const result = timer ? await Promise.race([reader.read(), timer.late]) : await reader.read();
      if (result === LATE) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTimeoutError(deadline!.timeoutMs);
      }
      if (result.done) break;
      total += result.value.byteLength;
      if (total > limit) {
        timer?.clear();
        await (drain ? discardRest(reader) : reader.cancel().catch(() => undefined));
        throw new BodyTooLargeError(limit);
      }
      chunks.push(result.value);
    }
  } finally {
    timer?.clear();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The one answer to a body over the limit, from the Web handler and the Node adapter alike. */
export const tooLargeMessage = (limit: number) => `The request body is larger than ${limit} bytes.`;

export type JsonBody = { ok: true; json: unknown } | { ok: false; answer: ErrorAnswer };

const refused = (status: number, message: string): JsonBody => ({
  ok: false,
  answer: { status, code: "invalid_input", message },
});

function isJsonContentType(value: string | null): boolean {
  return value?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/**
 * A JSON request body, checked in the order that costs least: media type, declared size, the
 * size actually streamed, UTF-8, JSON; all of it within the request's body clock (408, see
 * `startBodyClock`). `what` names it in the 415 ("Send the edit as ..."). A body refused unread is still drained (see `discardRest`), so every refusal reaches the client.
 */
export async function readJsonBody(
  request: Request,
  { maxBytes, what }: { maxBytes: number; what: string },
): Promise<JsonBody> {
  // Also what stops a cross-site HTML form from posting here: forms cannot send this type.
  if (!isJsonContentType(request.headers.get("content-type"))) {
    await discardUnread(request);
    return refused(415, `Send ${what} as application/json.`);
  }
  if (declaredLength(request) > maxBytes) {
    await discardUnread(request);
    return refused(413, tooLargeMessage(maxBytes));
  }
  let text: string;
  try {
    const bytes = await readLimited(request.body, maxBytes, { drain: true, deadline: bodyDeadlineOf(request) });
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refused(413, tooLargeMessage(maxBytes));
    // Also a body the Node adapter cut off at its own deadline (the stream errors with it).
    if (error instanceof BodyTimeoutError) return refused(408, error.message);
    return refused(400, "The request body could not be read.");
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return refused(400, "The request body must be JSON.");
  }
}
