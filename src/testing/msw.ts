import { http, HttpResponse, type HttpHandler } from "msw";
import type { FakeAnswer, FakeKling } from "./fake-kling";
import type { FakeProxy } from "./fake-proxy";
import type { FakeStorage } from "./fake-storage";
import { upstreamRootOf } from "./pixeldojo";

const inNode = typeof process !== "undefined" && !!process.versions?.node;

/**
 * msw's Node interceptor ends a response of unknown length by closing its mock connection, and
 * a client that cancelled such a streamed body (an event stream a component stops watching)
 * then trips an assertion inside Node's fetch. Declared chunked, the stream frames itself.
 */
function selfDelimiting(response: Response): Response {
  if (!inNode || !response.body || response.headers.has("content-length") || response.headers.has("transfer-encoding"))
    return response;
  const headers = new Headers(response.headers);
  headers.set("transfer-encoding", "chunked");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const reply = (answer: FakeAnswer) => (answer === "network_error" ? HttpResponse.error() : selfDelimiting(answer));

/**
 * msw handlers for the browser side: requests to the proxy URL (`/api/kling/*` on the page's
 * origin) reach the real proxy of `createFakeProxy`, in front of the simulated upstream. Use
 * with `setupServer` in tests or `setupWorker` / msw-storybook-addon in a browser.
 */
export function fakeProxyHandlers(proxy: FakeProxy): HttpHandler[] {
  return [http.all(`${proxy.basePath}/*`, async ({ request }) => reply(await proxy.handle(request)))];
}

/**
 * msw handlers that route the upstream URL (PixelDojo's, or the fake's `upstreamUrl`) to the
 * fake: for an app that tests its own proxy, or its own server code, against the simulation.
 */
export function fakeKlingHandlers(fake: FakeKling): HttpHandler[] {
  const root = upstreamRootOf(fake.options.upstreamUrl);
  return [http.all(`${root}/*`, async ({ request }) => reply(await fake.handle(request)))];
}

/**
 * msw handlers for the in-memory storage of `createFakeStorage`: the browser's presigned PUTs
 * (and their CORS preflights) and GETs, `Range` included, so a `<video>` plays an uploaded
 * file. With a fake proxy made with `uploads: storage.uploads()`, the whole upload runs in the page.
 */
export function fakeStorageHandlers(storage: FakeStorage): HttpHandler[] {
  const endpoint = storage.uploadsOptions.endpoint!.replace(/\/+$/, "");
  return [http.all(`${endpoint}/*`, ({ request }) => storage.handle(request))];
}
