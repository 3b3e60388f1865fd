import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/chromium.mjs";
import { testClipUrl } from "../test/support/browser/clips/commands.ts";
import { chromiumCpuSeconds } from "./measure/browser/cpu-command.ts";

// Measurements, not tests: each file prints a table of figures (and writes them to
// bench/results/ for `npm run bench`). None is part of `npm test`.
export default defineConfig({
  root: new URL("..", import.meta.url).pathname,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "bench-jsdom",
          environment: "jsdom",
          include: ["bench/measure/*.measure.tsx"],
          setupFiles: ["test/support/setup.ts"],
        },
      },
      {
        extends: true,
        plugins: [react()],
        publicDir: "public",
        test: {
          name: "bench-browser",
          include: ["bench/measure/browser/*.measure.tsx"],
          // One at a time: a second page playing video would disturb the drift it measures.
          fileParallelism: false,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: CHROMIUM_PATH,
                // Precise heap figures for the clip measure (performance.memory is coarse without it).
                args: [...CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required", "--enable-precise-memory-info"],
              },
            }),
            instances: [{ browser: "chromium" }],
            // The clip measure's clips, made by ffmpeg on first use (as in the browser tests).
            commands: { testClipUrl, chromiumCpuSeconds },
          },
        },
      },
    ],
  },
});
