import type { ErrorAnswer } from "./responses";

/** Default largest submit body: a valid edit is well under 10 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * How much of a refused request body is still read (and dropped) before the answer goes out,
 * and for how long. See `discardRest`.
 */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
export const DRAIN_MAX_MS = 5_000;

/** The body was longer than allowed; reading stopped at the first byte past the limit. */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  readonly limit: number;
  constructor(limit: number) {
    super(`The body is larger than ${limit} bytes.`);
    this.limit = limit;
  }
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
    for (let left = declaredBytes > DRAIN_MAX_BYTES ? 0 : DRAIN_MAX_BYTES; left > 0; ) {
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
 * a request body (`drain`) is read on and dropped so that the 413 reaches the client.
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  { drain = false }: { drain?: boolean } = {},
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await (drain ? discardRest(reader) : reader.cancel().catch(() => undefined));
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
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

const refused = (status: number, message: string): JsonBody => ({ ok: false, answer: { status, code: "invalid_input", message } });

function isJsonContentType(value: string | null): boolean {
  return value?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/**
 * A JSON request body, checked in the order that costs least: media type, declared size, the
 * size actually streamed, UTF-8, JSON. `what` names it in the 415 ("Send the edit as ...").
 * A body refused unread is still drained (see `discardRest`), so every refusal reaches the client.
 */
export async function readJsonBody(request: Request, { maxBytes, what }: { maxBytes: number; what: string }): Promise<JsonBody> {
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
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readLimited(request.body, maxBytes, { drain: true }));
  } catch (error) {
    return error instanceof BodyTooLargeError ? refused(413, tooLargeMessage(maxBytes)) : refused(400, "The request body could not be read.");
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return refused(400, "The request body must be JSON.");
  }
}
