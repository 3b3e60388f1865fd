// The pieces of the uploader's jsdom tests: the sample clip as a File, the real proxy (with
// `uploads: storage.uploads()`) and the in-memory storage behind msw, video metadata as a
// browser would read it, and an XMLHttpRequest the test steps through by hand.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import {
  createFakeKling,
  createFakeProxy,
  createFakeStorage,
  type FakeProxy,
  type FakeProxyOptions,
  type FakeStorage,
  type FakeStorageOptions,
} from "../../../src/testing";
import { fakeProxyHandlers, fakeStorageHandlers } from "../../../src/testing/msw";
import { loadVideoMetadata } from "../../support/components";
import { clip } from "../../support/uploads";

export { clip };
export const PROXY_URL = "/api/kling";
/** jsdom's page origin: relative proxy URLs resolve against it. */
export const PAGE = "http://localhost:3000";

export const clipFile = (name = "source.mp4", type = "video/mp4") => new File([clip], name, { type });

export interface UploadsSetup {
  storage?: FakeStorageOptions;
  /** The proxy's options, given the storage (its default `uploads` is `storage.uploads()`). */
  proxy?: (storage: FakeStorage) => FakeProxyOptions;
}

/**
 * msw in front of a fresh proxy and storage for every test (`restart` makes others):
 * `ctx.storage.requests` is what reached the storage, `ctx.proxy.requests` what reached the proxy.
 */
export function setupUploads() {
  const server = setupServer();
  const ctx = {} as { storage: FakeStorage; proxy: FakeProxy };
  const restart = ({ storage: storageOptions, proxy = () => ({}) }: UploadsSetup = {}) => {
    ctx.storage = createFakeStorage(storageOptions);
    const fake = createFakeKling({ latencyMs: 0 });
    ctx.proxy = createFakeProxy(fake, {
      basePath: PROXY_URL,
      origin: PAGE,
      uploads: ctx.storage.uploads(),
      ...proxy(ctx.storage),
    });
    server.resetHandlers(...fakeProxyHandlers(ctx.proxy), ...fakeStorageHandlers(ctx.storage));
  };
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  beforeEach(() => restart());
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return { server, ctx, restart };
}

/** Requests that carried bytes to the storage (PUTs), as opposed to preflights. */
export const putsOf = (storage: FakeStorage) => storage.requests.filter((request) => request.method === "PUT");
/** Requests for tickets that reached the proxy. */
export const ticketRequestsOf = (proxy: FakeProxy) =>
  proxy.requests.filter((request) => request.method === "POST" && request.path === "/uploads");

/**
 * jsdom has no object URLs and plays no media: each `<video>` the code under test makes gets
 * `answer` (its metadata, a media error, or nothing) as soon as its `src` is set, and the
 * object URLs it makes and revokes are counted.
 */
export function fakeVideoMetadata() {
  const state = {
    answer: { duration: 4 } as { duration: number } | "error" | "silence",
    videos: [] as HTMLVideoElement[],
    created: [] as string[],
    revoked: [] as string[],
  };
  let restore = () => undefined as unknown;
  beforeEach(() => {
    state.answer = { duration: 4 };
    state.videos = [];
    state.created = [];
    state.revoked = [];
    let next = 0;
    const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    restore = () => Object.assign(URL, { createObjectURL: saved.create, revokeObjectURL: saved.revoke });
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:${PAGE}/${++next}-${blob.size}`;
        state.created.push(url);
        return url;
      },
      revokeObjectURL: (url: string) => void state.revoked.push(url),
    });
    const createElement = document.createElement.bind(document);
    vi.spyOn(document, "createElement").mockImplementation((tag: string, options?: ElementCreationOptions) => {
      const element = createElement(tag, options);
      if (element instanceof HTMLVideoElement) {
        state.videos.push(element);
        Object.defineProperty(element, "src", {
          configurable: true,
          get: () => element.getAttribute("src") ?? "",
          set: (src: string) => {
            element.setAttribute("src", src);
            const { answer } = state;
            queueMicrotask(() => {
              if (answer === "error") element.dispatchEvent(new Event("error"));
              else if (answer !== "silence") loadVideoMetadata(element, answer);
            });
          },
        });
      }
      return element;
    });
  });
  afterEach(() => restore());
  return state;
}

/**
 * An XMLHttpRequest the test steps through: `progress(loaded)`, `drop()` (the connection
 * breaks), `answer(status, body)` (a storage refusal), or `deliver()`, which hands the request
 * as sent to the fake storage (signature, headers and bytes checked there) and reports its answer.
 */
export class SteppedXhr extends EventTarget {
  readonly upload = new EventTarget();
  method = "";
  url = "";
  readonly headers: Record<string, string> = {};
  body: Blob | undefined;
  aborted = false;
  status = 0;
  responseText = "";
  private responseHeaders = new Headers();

  constructor(private readonly storage: () => FakeStorage) {
    super();
  }
  open(method: string, url: string) {
    Object.assign(this, { method, url });
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders.get(name);
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.dispatchEvent(new ProgressEvent("abort"));
  }
  progress(loaded: number, lengthComputable = true) {
    this.upload.dispatchEvent(new ProgressEvent("progress", { loaded, total: this.body!.size, lengthComputable }));
  }
  drop() {
    this.dispatchEvent(new ProgressEvent("error"));
  }
  answer(status: number, body = "", headers: Record<string, string> = {}) {
    Object.assign(this, { status, responseText: body, responseHeaders: new Headers(headers) });
    this.dispatchEvent(new ProgressEvent("load"));
  }
  async deliver() {
    const response = await this.storage().handle(
      new Request(this.url, { method: this.method, headers: this.headers, body: this.body }),
    );
    this.progress(this.body!.size);
    this.answer(response.status, await response.text(), Object.fromEntries(response.headers));
  }
}

/** `createXhr` for the uploader: every PUT gets a `SteppedXhr`, kept in `xhrs` in order. */
export function steppedXhrs(storage: () => FakeStorage) {
  const xhrs: SteppedXhr[] = [];
  const createXhr = () => {
    const xhr = new SteppedXhr(storage);
    xhrs.push(xhr);
    return xhr as unknown as XMLHttpRequest;
  };
  return { xhrs, createXhr };
}

/** Lets pending promises and msw's answers run (timers may be fake) until `done()` holds. */
export async function until(done: () => boolean, what = "the condition") {
  // Rounds of I/O (signing runs on Node's thread pool), bounded by the wall clock, which fake
  // timers leave alone here: nothing in a test waits for time to pass this way.
  const giveUpAt = performance.now() + 5_000;
  while (!done() && performance.now() < giveUpAt) {
    // Timers due now (msw answers on one) run; fake time does not move.
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!done()) throw new Error(`Timed out waiting for ${what}.`);
}

/** A 403 as S3 words an expired presigned URL. */
export const EXPIRED_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
