import { loadEnv, type Plugin } from "vite";
import { createKlingProxy, toNodeHandler, type KlingProxyLogEvent } from "../../src/server";
import { createFakeKling } from "../../src/testing/fake-kling";

/** Where the page's KlingProvider sends its requests; the dev server answers there. */
export const PROXY_PATH = "/api/kling";
const SIMULATED_KEY = "simulated-key";

/**
 * Mounts `createKlingProxy` in Vite's dev server at `/api/kling`. With `PIXELDOJO_API_KEY`
 * set (in the environment or a `.env` file next to this one) it talks to the real PixelDojo,
 * and every edit spends credits; without it, to the in-memory simulation from
 * `react-kling-edit/testing`.
 */
export function klingProxyPlugin(): Plugin {
  let apiKey: string | undefined;
  return {
    name: "react-kling-edit-example-proxy",
    config(config, { mode }) {
      // Only PIXELDOJO_* is read, and none of it reaches the page (Vite exposes VITE_* only).
      const fromFiles = loadEnv(mode, config.envDir || config.root || process.cwd(), "PIXELDOJO_");
      apiKey = (process.env.PIXELDOJO_API_KEY ?? fromFiles.PIXELDOJO_API_KEY)?.trim() || undefined;
      return { define: { __KLING_SIMULATED__: JSON.stringify(!apiKey) } };
    },
    configureServer(server) {
      const simulated = !apiKey;
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
        simulated
          ? "\n  SIMULATED backend: PIXELDOJO_API_KEY is not set, so /api/kling answers from an in-memory\n" +
              "  simulation (about 20 s per job, no credits spent, the result is a sample clip).\n" +
              "  Set PIXELDOJO_API_KEY to use the real PixelDojo.\n"
          : "\n  LIVE backend: /api/kling forwards to PixelDojo with PIXELDOJO_API_KEY. Every edit spends credits.\n",
      );
    },
  };
}
