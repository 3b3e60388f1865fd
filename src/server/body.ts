/** Default largest submit body: a valid edit is well under 10 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

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
 * Reads a body stream up to `limit` bytes, counting what actually arrives (a Content-Length
 * can lie) and cancelling the stream as soon as it goes past the limit.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
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
