import { createKlingProxy, toNodeHandler } from "react-kling-edit/server";
import { createFakeKling } from "react-kling-edit/testing";

// The app's proxy at /api/kling. Its backend is the simulated one from react-kling-edit/testing,
// which stands in for PixelDojo (no network, no key, no credits); the edited video is this app's
// own sample, on the source video's origin.
const fake = createFakeKling({
  queueMs: 1000,
  processingMs: 3000,
  outputVideoUrl: (job) => new URL("/samples/edited.mp4", job.input.video_url).href,
});

export const klingProxy = toNodeHandler(
  createKlingProxy({
    apiKey: "test-key",
    basePath: "/api/kling",
    fetch: fake.fetch,
    // This demo has no sign-in: every visitor is one user. A real app names its session's user.
    identify: () => "demo-user",
    authorize: () => true,
  }),
);
