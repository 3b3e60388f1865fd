import react from "@vitejs/plugin-react";
import { createKlingProxy, toNodeHandler } from "react-kling-edit/server";
import { createFakeKling } from "react-kling-edit/testing";
import { defineConfig, type Plugin } from "vite";

// The app's proxy at /api/kling, in `vite preview` and `vite dev`. Its backend is the simulated
// one from react-kling-edit/testing, which stands in for PixelDojo (no network, no key, no
// credits); the edited video is this app's own sample, on the source video's origin.
function klingProxy(): Plugin {
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
  const handler = toNodeHandler(proxy);
  return {
    name: "kling-proxy",
    configureServer: (server) => void server.middlewares.use("/api/kling", handler),
    configurePreviewServer: (server) => void server.middlewares.use("/api/kling", handler),
  };
}

export default defineConfig({ plugins: [react(), klingProxy()] });
