import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { defineConfig } from "vitest/config";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/chromium.mjs";
import { allowOriginOnTestBucket } from "./test/support/browser/s3-commands.ts";
import { testClipUrl } from "./test/support/browser/clips/commands.ts";

// Headless Chromium for every browser project: real playback, pointer drags, stories.
const browser = {
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
  instances: [{ browser: "chromium" as const }],
};

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "jsdom",
          include: ["test/**/*.test.{ts,tsx}"],
          exclude: [
            "**/*.browser.test.{ts,tsx}",
            "test/runtimes/**",
            "test/server/outage/**",
            "test/server/cluster/**",
          ],
          setupFiles: ["test/support/setup.ts"],
          restoreMocks: true,
          // A guard against hangs, not a speed check: on fake clocks a test's real duration is
          // the machine's, and a busy 2-core machine runs the longest flows for several seconds.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real outages: redis-server and proxy instances SIGKILLed mid-run (minutes of real time,
        // so apart from the unit project, which stays quick to run again and again), and a real
        // six-node Redis Cluster started per file.
        test: {
          name: "resilience",
          environment: "node",
          include: ["test/server/outage/**/*.test.ts", "test/server/cluster/**/*.test.ts"],
          testTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        // The built server entry on Node, workerd, Deno and Bun (needs `npm run build` first).
        test: {
          name: "runtimes",
          environment: "node",
          include: ["test/runtimes/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        // Real Chromium for what jsdom cannot show: video playback, sync drift, pointer drags.
        // public/ is served at the root, so tests load /samples/*.mp4.
        plugins: [react()],
        publicDir: "public",
        // Pre-bundled up front: a re-optimisation mid-run would load a second copy of React.
        optimizeDeps: {
          include: ["react", "react/jsx-dev-runtime", "react-dom", "react-dom/client", "@testing-library/react"],
        },
        test: {
          name: "browser",
          include: ["test/**/*.browser.test.{ts,tsx}"],
          // A real S3-protocol server for the uploads that Chromium sends (see s3-setup.ts).
          globalSetup: ["test/support/browser/s3-setup.ts"],
          // Clips are made by ffmpeg when a test first asks for one (see test/support/browser/clips).
          browser: { ...browser, commands: { allowOriginOnTestBucket, testClipUrl } },
        },
      },
      {
        // Every story, and its play function, as a test in Chromium; a11y violations fail it.
        extends: true,
        plugins: [storybookTest({ configDir: ".storybook" })],
        test: {
          name: "storybook",
          browser,
        },
      },
    ],
  },
});
