import { createFakeKling, type FakeKling, type FakeKlingOptions } from "../../src/testing";

/** Where the stories' KlingProvider sends requests; msw answers there with the fake. */
export const STORY_PROXY_URL = "/api/kling";

/** A shipped sample clip as an absolute URL on this Storybook's origin, as the API requires. */
export const sampleUrl = (name: string) => `${globalThis.location?.origin ?? "http://localhost:6006"}/samples/${name}`;

/** Story-speed defaults: a whole edit takes seconds, the result is a shipped sample clip. */
export const STORY_FAKE_DEFAULTS: FakeKlingOptions = {
  proxyUrl: STORY_PROXY_URL,
  queueMs: 1_000,
  processingMs: 3_000,
  latencyMs: 150,
  outputVideoUrl: "/samples/edited.mp4",
};

let current: FakeKling = createFakeKling(STORY_FAKE_DEFAULTS);

/** A fresh simulated backend for the story about to render. */
export function resetFakeBackend(options: FakeKlingOptions = {}): FakeKling {
  current = createFakeKling({ ...STORY_FAKE_DEFAULTS, ...options });
  return current;
}

/** The simulated backend of the story on screen (play functions inspect and steer it). */
export function fakeBackend(): FakeKling {
  return current;
}
