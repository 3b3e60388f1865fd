// Writing a Web `Response` to Node's `ServerResponse`, including the answers to requests whose
// body was not all read. Only types come from Node (see node.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { DRAIN_MAX_BYTES, DRAIN_MAX_MS } from "./body";

export async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response, close: boolean) {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (close) res.setHeader("connection", "close");
  if (!response.body || req.method === "HEAD") {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  // A client gone before the answer (while the handler decided) hears no "close" any more: an
  // event stream would stay open on the server for nobody.
  if (res.destroyed) return stop();
  res.once("close", stop);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve));
  }
  res.end();
}

/**
 * Answers a request whose body was not (all) read. The answer goes out at once; the rest of the
 * body is then read and dropped, within `DRAIN_MAX_BYTES` and `DRAIN_MAX_MS`, so that a client
 * still sending gets to read it: a connection closed with bytes unread is reset, and the client
 * loses the answer (a submit it must then call "may have been charged"). A body declared past
 * the bounds, or one still coming when they run out, gets the connection closed instead.
 */
export async function answerUnread(req: IncomingMessage, res: ServerResponse, response: Response, declared: number) {
  if (declared > DRAIN_MAX_BYTES) return writeResponse(req, res, response, true);
  let left = DRAIN_MAX_BYTES;
  const cut = () => req.socket?.destroy();
  const timer = setTimeout(cut, DRAIN_MAX_MS);
  timer.unref?.();
  const settle = () => clearTimeout(timer);
  req.once("end", settle).once("close", settle);
  req.on("data", (chunk: Uint8Array) => {
    left -= chunk.byteLength;
    if (left < 0) cut();
  });
  req.resume();
  await writeResponse(req, res, response, false);
}

/**
 * Answers a request whose body came too slowly, and closes the connection: the client was
 * given its time, and reading on would let it hold the connection for as long as it trickles.
 * Past `DRAIN_MAX_MS` a socket still not closed (a client that does not read) is destroyed.
 */
export async function answerLate(req: IncomingMessage, res: ServerResponse, response: Response) {
  const socket = req.socket;
  const timer = setTimeout(() => socket?.destroy(), DRAIN_MAX_MS);
  timer.unref?.();
  socket?.once("close", () => clearTimeout(timer));
  // `Connection: close` makes Node end the socket once the answer is written.
  await writeResponse(req, res, response, true);
}
