import type { AddressInfo } from "node:net";
import { loadEnv, type Plugin, type ViteDevServer } from "vite";
import {
  createKlingProxy,
  s3Uploads,
  toNodeHandler,
  type KlingProxyLogEvent,
  type KlingUploads,
} from "../../src/server";
import { createFakeKling } from "../../src/testing/fake-kling";
import { createFakeStorage } from "../../src/testing/fake-storage";

/** Where the page's KlingProvider sends its requests; the dev server answers there. */
export const PROXY_PATH = "/api/kling";
/** Where the simulated mode's in-memory bucket answers, on the dev server's own origin. */
export const STORAGE_PATH = "/__storage";
const SIMULATED_KEY = "simulated-key";
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** The bucket for live uploads: all four of these, and optionally KLING_S3_ENDPOINT and KLING_S3_PUBLIC_BASE_URL. */
const S3_REQUIRED = [
  "KLING_S3_BUCKET",
  "KLING_S3_REGION",
  "KLING_S3_ACCESS_KEY_ID",
  "KLING_S3_SECRET_ACCESS_KEY",
] as const;

/** `s3Uploads` from KLING_S3_* when they are set; undefined when none is; an error naming what is missing otherwise. */
function s3UploadsFromEnv(
  env: Record<string, string | undefined>,
): { name: string; uploads: KlingUploads } | undefined {
  const missing = S3_REQUIRED.filter((name) => !env[name]);
  if (missing.length === S3_REQUIRED.length) return undefined;
  if (missing.length)
    throw new Error(`Uploads to a bucket need ${S3_REQUIRED.join(", ")}; missing: ${missing.join(", ")}.`);
  const uploads = s3Uploads({
    bucket: env.KLING_S3_BUCKET!,
    region: env.KLING_S3_REGION!,
    accessKeyId: env.KLING_S3_ACCESS_KEY_ID!,
    secretAccessKey: env.KLING_S3_SECRET_ACCESS_KEY!,
    endpoint: env.KLING_S3_ENDPOINT || undefined,
    publicBaseUrl: env.KLING_S3_PUBLIC_BASE_URL || undefined,
  });
  return { name: env.KLING_S3_BUCKET!, uploads };
}

/**
 * The in-memory bucket of `react-kling-edit/testing`, mounted at STORAGE_PATH. Its presigned
 * URLs name the dev server's origin, which is known once it listens (Vite may take another port).
 */
function mountFakeStorage(server: ViteDevServer): KlingUploads {
  let mounted: { uploads: KlingUploads; handle: ReturnType<typeof toNodeHandler> } | undefined;
  server.httpServer?.once("listening", () => {
    const { address, port, family } = server.httpServer!.address() as AddressInfo;
    const host = family === "IPv6" ? `[${address}]` : address;
    const storage = createFakeStorage({
      endpoint: `http://${host}:${port}${STORAGE_PATH}`,
      maxObjectBytes: MAX_UPLOAD_BYTES,
    });
    mounted = {
      uploads: storage.uploads(),
      handle: toNodeHandler(storage.handle, { basePath: STORAGE_PATH, maxBodyBytes: MAX_UPLOAD_BYTES }),
    };
  });
  server.middlewares.use(STORAGE_PATH, (req, res, next) => (mounted ? mounted.handle(req, res, next) : next()));
  return {
    presign: (request) =>
      mounted ? mounted.uploads.presign(request) : Promise.reject(new Error("The dev server is not listening yet.")),
  };
}

/**
 * Mounts `createKlingProxy` in Vite's dev server at `/api/kling`. With `PIXELDOJO_API_KEY`
 * set (in the environment or a `.env` file next to this one) it talks to the real PixelDojo,
 * and every edit spends credits; without it, to the in-memory simulation from
 * `react-kling-edit/testing`.
 */
export function klingProxyPlugin(): Plugin {
  let apiKey: string | undefined;
  let bucket: ReturnType<typeof s3UploadsFromEnv>;
  return {
    name: "react-kling-edit-example-proxy",
    config(config, { mode }) {
      // Only PIXELDOJO_* and KLING_S3_* are read, and none of it reaches the page (Vite exposes VITE_* only).
      const fromFiles = loadEnv(mode, config.envDir || config.root || process.cwd(), ["PIXELDOJO_", "KLING_S3_"]);
      const env = { ...fromFiles, ...process.env };
      apiKey = env.PIXELDOJO_API_KEY?.trim() || undefined;
      bucket = s3UploadsFromEnv(env);
      return { define: { __KLING_SIMULATED__: JSON.stringify(!apiKey) } };
    },
    configureServer(server) {
      const simulated = !apiKey;
      // A bucket of the app's own when KLING_S3_* say so; otherwise the in-memory one, in the simulated mode only.
      const uploads = bucket?.uploads ?? (simulated ? mountFakeStorage(server) : undefined);
      const logger = server.config.logger;
      // The simulated "edit" shows the flow, not a model: the sample clip's edited twin, or the
      // source video itself for any other URL.
      const fake = simulated
        ? createFakeKling({
            apiKey: SIMULATED_KEY,
            queueMs: 2_000,
            processingMs: 20_000,
            outputVideoUrl: ({ input }) => input.video_url.replace(/\/samples\/source\.mp4$/, "/samples/edited.mp4"),
          })
        : undefined;
      const proxy = createKlingProxy({
        basePath: PROXY_PATH,
        ...(fake ? { apiKey: SIMULATED_KEY, fetch: fake.fetch } : { apiKey }),
        // DEMO ONLY. Every visitor of this dev server is the same user, and may spend the
        // account's credits. A real app names the signed-in user here (from the request's cookie
        // or token; null when nobody is signed in) and decides in `authorize` who may spend.
        identify: () => "demo-user",
        authorize: () => true,
        uploads,
        log: (event: KlingProxyLogEvent) => {
          const line = `[kling proxy] ${event.method} ${event.path} -> ${event.status}: ${event.message}`;
          if (event.level === "error") logger.error(line);
          else if (event.level === "warn") logger.warn(line);
          // Submits spend credits, so they are shown; the steady status polls are not.
          else if (event.method === "POST") logger.info(line);
        },
      });
      server.middlewares.use(PROXY_PATH, toNodeHandler(proxy));
      logger.info(
        (simulated
          ? "\n  SIMULATED backend: PIXELDOJO_API_KEY is not set, so /api/kling answers from an in-memory\n" +
            "  simulation (about 20 s per job, no credits spent, the result is a sample clip).\n" +
            "  Set PIXELDOJO_API_KEY to use the real PixelDojo.\n"
          : "\n  LIVE backend: /api/kling forwards to PixelDojo with PIXELDOJO_API_KEY. Every edit spends credits.\n") +
          (bucket
            ? `  UPLOADS go to the bucket ${bucket.name} (KLING_S3_*); its CORS rule must allow this page's origin.\n`
            : simulated
              ? `  UPLOADS go to an in-memory bucket at ${STORAGE_PATH} (forgotten on restart).\n`
              : "  UPLOADS are off: set KLING_S3_BUCKET, KLING_S3_REGION, KLING_S3_ACCESS_KEY_ID and KLING_S3_SECRET_ACCESS_KEY.\n"),
      );
    },
  };
}
