// CONNECT on Node's `http` server. Node never hands it to a request listener: it emits the
// server's "connect" event, and without a listener there it drops the connection unanswered.
// Only types come from Node (see node.ts).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/** A listener for a Node server's "connect" event: `server.on("connect", handler.onConnect)`. */
export type NodeConnectListener = (req: IncomingMessage, socket: Duplex, head: Uint8Array) => void;

interface ConnectEmitter {
  on(event: "connect", listener: NodeConnectListener): unknown;
  listenerCount(event: "connect"): number;
}

const REASONS: Record<number, string> = { 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error" };

/** Writes an answer straight on the socket (no `ServerResponse` exists for CONNECT) and closes it. */
async function writeRaw(socket: Duplex, response: Response): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  const head = [`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? "Error"}`];
  response.headers.forEach((value, name) => head.push(`${name}: ${value}`));
  head.push(`content-length: ${body.byteLength}`, "connection: close", "", "");
  socket.write(head.join("\r\n"));
  socket.end(body);
}

const serverOf = (req: IncomingMessage): ConnectEmitter | undefined => {
  const server = (req.socket as { server?: Partial<ConnectEmitter> } | undefined)?.server;
  return typeof server?.on === "function" && typeof server.listenerCount === "function"
    ? (server as ConnectEmitter)
    : undefined;
};

/**
 * The adapter's "connect" listener: a CONNECT to a path it claims gets `answer`'s response (the
 * proxy's 405, logged); any other target is left to the server's other listeners, or dropped
 * as Node drops it when there are none.
 */
export function connectListener(
  claims: (req: IncomingMessage) => URL | undefined,
  answer: (url: URL) => Promise<Response>,
): NodeConnectListener {
  return (req, socket) => {
    socket.on("error", () => socket.destroy());
    const url = claims(req);
    if (!url) {
      if ((serverOf(req)?.listenerCount("connect") ?? 0) <= 1) socket.destroy();
      return;
    }
    answer(url)
      .then((response) => writeRaw(socket, response))
      .catch(() => socket.destroy());
  };
}

const listening = new WeakSet<object>();

/**
 * Puts `listener` on the server a request came through, once, if the server has no "connect"
 * listener of its own: from then on CONNECT is answered rather than dropped. An app that wants
 * it from the very first request wires `onConnect` itself.
 */
export function listenForConnect(req: IncomingMessage, listener: NodeConnectListener): void {
  const server = serverOf(req);
  if (!server || listening.has(server)) return;
  listening.add(server);
  if (server.listenerCount("connect") === 0) server.on("connect", listener);
}
