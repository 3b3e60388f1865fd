// Raw HTTP/1.1 over a `net` socket to a loopback server: for what no HTTP client sends (bodies
// trickled a byte at a time, TRACE, CONNECT, a backslash in the target).
import { createServer, type RequestListener, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

/** Serves on a free loopback port; `close()` ends it and every connection still open. */
export async function listenLoopback(
  listener: RequestListener,
): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { server, port: (server.address() as AddressInfo).port, close };
}

export interface RawExchange {
  socket: Socket;
  /** Resolves with everything the server wrote, once its answer's head and body are in. */
  answer: Promise<RawAnswer>;
  /** Resolves when the connection is closed (by either side). */
  closed: Promise<void>;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses one HTTP/1.1 answer with a Content-Length; `undefined` until all of it has arrived. */
function parseAnswer(text: string): RawAnswer | undefined {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = text.slice(end + 4);
  const status = Number(statusLine.split(" ")[1]);
  if (headers["transfer-encoding"] === "chunked") {
    const body = unchunked(rest);
    return body === undefined ? undefined : { status, headers, body };
  }
  const length = Number(headers["content-length"] ?? "0");
  return Buffer.byteLength(rest) < length ? undefined : { status, headers, body: rest };
}

/** A chunked body's content, once its last chunk has arrived. */
function unchunked(text: string): string | undefined {
  let body = "";
  for (let at = 0; ;) {
    const lineEnd = text.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (size === 0) return body;
    if (text.length < lineEnd + 2 + size + 2) return undefined;
    body += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** Opens a connection and writes `head` (request line and headers, no blank line needed). */
export function rawRequest(port: number, head: string): RawExchange {
  const socket = connect(port, "127.0.0.1");
  let text = "";
  let settle: (answer: RawAnswer) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    text += chunk;
    const parsed = parseAnswer(text);
    if (parsed) settle(parsed);
  });
  // A reset after the answer is the server closing on a client still sending: expected here.
  socket.on("error", () => undefined);
  socket.once("close", () => fail(new Error(`The connection closed without a whole answer: ${JSON.stringify(text)}`)));
  socket.write(`${head.replace(/\r?\n$/, "")}\r\n\r\n`);
  return { socket, answer, closed };
}
