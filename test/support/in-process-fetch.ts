import { getResponse, type RequestHandler } from "msw";
import type { SetupServer } from "msw/node";

/**
 * A `fetch` answered by the test's msw handlers in-process: no socket and no DNS look-up on the
 * runtime's thread pool, so nothing real runs beside the fake clock and a test's outcome cannot
 * depend on the machine's speed. It keeps what the hooks rely on of a real fetch: relative
 * URLs against the page, a network error for `HttpResponse.error()`, and an abort that rejects
 * the call and cancels a body still streaming (so the proxy sees a stream close).
 */
export function inProcessFetch(server: SetupServer): typeof fetch {
  return async (input, init) => {
    const url =
      input instanceof Request
        ? input.url
        : new URL(String(input), globalThis.location?.href ?? "http://localhost/").href;
    const request = new Request(input instanceof Request ? input : url, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const aborted = () => new DOMException("The operation was aborted.", "AbortError");
    if (signal?.aborted) throw aborted();
    const response = await getResponse(server.listHandlers() as RequestHandler[], request);
    if (!response) throw new TypeError(`No handler for ${request.method} ${request.url} (an unhandled request).`);
    if (response.type === "error") throw new TypeError("Failed to fetch (simulated network error)");
    if (signal?.aborted) {
      void response.body?.cancel().catch(() => undefined);
      throw aborted();
    }
    if (!signal || !response.body) return response;
    // The body through a pipe that the signal breaks, as a real fetch's body is.
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal.addEventListener(
          "abort",
          () => {
            void reader.cancel().catch(() => undefined);
            try {
              controller.error(aborted());
            } catch {
              // Already closed.
            }
          },
          { once: true },
        );
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
