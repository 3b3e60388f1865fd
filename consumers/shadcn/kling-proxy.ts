import type { PreviewServer, ViteDevServer } from "vite";
import { createKlingProxy, toNodeHandler, type KlingUploads } from "react-kling-edit/server";
import { createFakeKling, createFakeStorage } from "react-kling-edit/testing";

// The app's proxy at /api/kling over the simulated backend (no network, no key, no credits),
// with uploads to an in-memory bucket at /__storage on the server's own origin. The edited
// video is this app's own sample, on the source's origin.
const fake = createFakeKling({
  queueMs: 1000,
  processingMs: 3000,
  outputVideoUrl: (job) => new URL("/samples/edited.mp4", job.input.video_url).href,
});

/** The README's fake bucket: its presigned URLs name the origin the server listens on. */
function fakeBucket(server: ViteDevServer | PreviewServer): KlingUploads {
  let bucket: { uploads: KlingUploads; handle: ReturnType<typeof toNodeHandler> } | undefined;
  const open = () => {
    if (bucket) return bucket;
    const origin = server.resolvedUrls?.local[0];
    if (!origin) throw new Error("The server is not listening yet.");
    const storage = createFakeStorage({ endpoint: new URL("/__storage", origin).href });
    const handle = toNodeHandler(storage.handle, { basePath: "/__storage", maxBodyBytes: 100 * 1024 * 1024 });
    return (bucket = { uploads: storage.uploads(), handle });
  };
  server.middlewares.use("/__storage", (req, res, next) => open().handle(req, res, next));
  return { presign: (request) => open().uploads.presign(request) };
}

/** Mounts the proxy and the bucket on a Vite server (dev or preview). */
export function mountKling(server: ViteDevServer | PreviewServer): void {
  const proxy = createKlingProxy({
    apiKey: "test-key",
    basePath: "/api/kling",
    fetch: fake.fetch,
    // This demo has no sign-in: every visitor is one user. A real app names its session's user.
    identify: () => "demo-user",
    authorize: () => true,
    uploads: fakeBucket(server),
  });
  server.middlewares.use("/api/kling", toNodeHandler(proxy));
}
