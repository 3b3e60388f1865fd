// @vitest-environment node
import { afterEach, describe, expect, test, vi } from "vitest";
import { createKlingProxy, toNodeHandler, type KlingProxyLogEvent } from "../../src/server";
import { createFakeKling } from "../../src/testing";
import { listenLoopback, rawRequest } from "./raw-socket";
import { BASE, harness, KEY, ORIGIN, RUN, VALID_INPUT } from "./support";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BODY = JSON.stringify(VALID_INPUT);

/** The proxy behind the Node adapter on loopback; webhooks on, so their route can be tried. */
async function nodeProxy(options: { bodyTimeoutMs?: number } = {}) {
  const fake = createFakeKling({ apiKey: KEY });
  const logs: KlingProxyLogEvent[] = [];
  const proxy = createKlingProxy({
    apiKey: KEY,
    fetch: fake.fetch,
    basePath: BASE,
    identify: () => "user-a",
    authorize: () => true,
    webhooks: { publicUrl: `${ORIGIN}${BASE}` },
    log: (event) => logs.push(event),
    ...options,
  });
  const served = await listenLoopback(toNodeHandler(proxy));
  cleanups.push(served.close);
  return { fake, logs, port: served.port };
}

/** Sends `body` one byte a second after the head, until stopped; counts what went out. */
function trickle(exchange: ReturnType<typeof rawRequest>, body: string) {
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= body.length || exchange.socket.destroyed) return clearInterval(timer);
    exchange.socket.write(body[sent++]!);
  }, 1_000);
  cleanups.push(() => clearInterval(timer));
  return { sent: () => sent, stop: () => clearInterval(timer) };
}

const postHead = (path: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}`;

describe("bodyTimeoutMs on the Node adapter (raw sockets on loopback)", () => {
  test("a submit body at 1 byte/s is answered 408 and the connection closed, long before the client would finish", async () => {
    const { fake, port } = await nodeProxy({ bodyTimeoutMs: 300 });
    const exchange = rawRequest(port, postHead(RUN, BODY.length));
    const sender = trickle(exchange, BODY);

    const answer = await exchange.answer;
    // The client needs BODY.length seconds (over a minute) to finish; it had barely begun.
    expect(sender.sent()).toBeLessThan(BODY.length / 2);
    sender.stop();
    expect(answer.status).toBe(408);
    expect(answer.headers.connection).toBe("close");
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "invalid_input", message: expect.stringMatching(/too slowly/) },
    });
    await exchange.closed;
    expect(fake.requests).toHaveLength(0);
  });

  test("a slow webhook to an unknown token: 404 at once, while its body has hardly begun", async () => {
    // A body clock far longer than the test: only the token check can answer in time.
    const { fake, port } = await nodeProxy({ bodyTimeoutMs: 600_000 });
    const delivery = JSON.stringify({ event: "job.updated", padding: "x".repeat(200) });
    const exchange = rawRequest(port, postHead(`${BASE}/webhooks/${"A".repeat(43)}`, delivery.length));
    exchange.socket.write(delivery[0]!);

    const answer = await exchange.answer;
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "not_found" } });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("bodyTimeoutMs on the Web handler", () => {
  test("a body that stalls is answered 408 at the deadline, and its stream cancelled", async () => {
    vi.useFakeTimers();
    const h = harness({ bodyTimeoutMs: 300 });
    const cancelled = vi.fn();
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(BODY.slice(0, 10)));
      },
      cancel: cancelled,
    });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: stalled, duplex: "half" };
    let answered = false;
    const pending = h.call(RUN, init as RequestInit).finally(() => (answered = true));

    await vi.advanceTimersByTimeAsync(299);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const response = await pending;
    expect(response.status).toBe(408);
    expect(await response.json()).toEqual({
      error: { code: "invalid_input", message: expect.stringMatching(/too slowly.*300 ms/) },
    });
    expect(cancelled).toHaveBeenCalled();
    expect(h.fake.requests).toHaveLength(0);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "refused", status: 408 }));
  });

  test("a webhook to an unknown token is 404 without reading its (stalled) body", async () => {
    const h = harness({ webhooks: { publicUrl: `${ORIGIN}${BASE}` } });
    const stalled = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new Uint8Array([123])),
    });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body: stalled, duplex: "half" };
    const response = await h.call(`${BASE}/webhooks/${"B".repeat(43)}`, init as RequestInit);
    expect(response.status).toBe(404);
  });
});
