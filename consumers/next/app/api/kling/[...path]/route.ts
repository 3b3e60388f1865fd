import { createKlingProxy } from "react-kling-edit/server";
import { createFakeKling } from "react-kling-edit/testing";

// The simulated backend stands in for PixelDojo (no network, no key, no credits spent): the
// proxy forwards to its `fetch` exactly as it would to https://pixeldojo.ai/api/v1.
// The edited video is this app's own sample, on the same origin as the source video.
const fake = createFakeKling({
  queueMs: 1000,
  processingMs: 3000,
  outputVideoUrl: (job) => new URL("/samples/edited.mp4", job.input.video_url).href,
});

const proxy = createKlingProxy({
  apiKey: "test-key",
  basePath: "/api/kling",
  fetch: fake.fetch,
  // This demo has no sign-in: every visitor is one user. A real app names its session's user.
  identify: () => "demo-user",
  authorize: () => true,
});

export const GET = proxy;
export const POST = proxy;
