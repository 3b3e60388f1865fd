import {
  createFakeKling,
  createFakeProxy,
  createFakeStorage,
  type FakeKling,
  type FakeKlingOptions,
  type FakeProxy,
  type FakeStorage,
} from "../../src/testing";

/** Where the stories' KlingProvider sends requests; msw answers there with the fake. */
export const STORY_PROXY_URL = "/api/kling";

/** A shipped sample clip as an absolute URL on this Storybook's origin, as the API requires. */
export const sampleUrl = (name: string) => `${globalThis.location?.origin ?? "http://localhost:6006"}/samples/${name}`;

/** Story-speed defaults: a whole edit takes seconds, the result is a shipped sample clip. */
export const STORY_FAKE_DEFAULTS: FakeKlingOptions = {
  queueMs: 1_000,
  processingMs: 3_000,
  latencyMs: 150,
  outputVideoUrl: "/samples/edited.mp4",
};

/**
 * The real proxy, running in the page, in front of a simulated upstream, with uploads signed for
 * an in-memory bucket (`https://storage.kling.test`); msw routes `/api/kling` and the bucket to them.
 */
function backend(options: FakeKlingOptions) {
  const storage = createFakeStorage();
  const proxy = createFakeProxy(createFakeKling({ ...STORY_FAKE_DEFAULTS, ...options }), {
    basePath: STORY_PROXY_URL,
    user: "storybook-user",
    uploads: storage.uploads(),
    // Story jobs take seconds: the server watch behind the streams asks as often as the stories poll.
    push: { polling: { initialDelayMs: 400, intervalMs: 800 }, tickMs: 100 },
  });
  return { proxy, storage };
}

let current = backend({});

/** A fresh proxy, simulated backend and bucket for the story about to render. */
export function resetFakeBackend(options: FakeKlingOptions = {}): { proxy: FakeProxy; storage: FakeStorage } {
  current = backend(options);
  return current;
}

/** The bucket of the story on screen: what was uploaded to it. */
export function fakeStorage(): FakeStorage {
  return current.storage;
}

/** The simulated upstream of the story on screen (play functions inspect and steer it). */
export function fakeBackend(): FakeKling {
  return current.proxy.fake;
}

/** The proxy of the story on screen: what the browser sent it. */
export function fakeProxy(): FakeProxy {
  return current.proxy;
}
