// The request-body side of the Node adapter: a Node request's body as a Web stream, within its
// size limit and its time. Only types come from Node (see node.ts).
import type { IncomingMessage } from "node:http";
import { BodyTooLargeError } from "./body";

export interface NodeBodyLimits {
  /** Bytes past which the stream fails with `BodyTooLargeError` and `onTooLarge` is called. */
  limit: number;
  onTooLarge: () => void;
  /** Once aborted, the stream takes nothing more: the rest is the adapter's to drain. */
  answered: AbortSignal;
  /** Aborted when the body's time ran out: the stream fails with the signal's reason. */
  late: AbortSignal;
}

/**
 * A Node request's body as a Web stream, pulled with backpressure, cut off past `limit` bytes
 * or when `late` aborts (the handler reading it then hears why, and answers 408).
 */
export function bodyOf(
  req: IncomingMessage,
  { limit, onTooLarge, answered, late }: NodeBodyLimits,
): ReadableStream<Uint8Array> {
  let total = 0;
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        req.pause();
        controller.error(error);
      };
      late.addEventListener("abort", () => fail(late.reason), { once: true });
      req.on("data", (chunk: Uint8Array) => {
        if (settled || answered.aborted) return;
        total += chunk.byteLength;
        if (total > limit) {
          onTooLarge();
          return fail(new BodyTooLargeError(limit));
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => {
        if (!settled) controller.close();
        settled = true;
      });
      req.on("error", fail);
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      settled = true;
      req.pause();
    },
  });
}

/**
 * A body that an earlier middleware (Express's `express.json()`, say) already read: its stream
 * is spent, so what it parsed is sent on again as JSON. `undefined` when the stream is unread.
 */
export function alreadyParsedBody(req: IncomingMessage): Uint8Array | undefined {
  if (!req.readableEnded) return undefined;
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed instanceof Uint8Array) return parsed;
  if (typeof parsed === "string") return new TextEncoder().encode(parsed);
  if (parsed === undefined || parsed === null) return new Uint8Array(0);
  return new TextEncoder().encode(JSON.stringify(parsed));
}

export function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Whether the request announces a body (a length above 0, or chunks). */
export function declaresBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? "0") > 0;
}
