import { copyFile, mkdir } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";

const shared: Options = {
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  target: "es2022",
  treeshake: true,
  external: ["react", "react-dom", "@tanstack/react-query", "msw"],
};

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts" },
    // esbuild drops module directives when it bundles; the client entry must keep one.
    banner: { js: '"use client";' },
    clean: true,
    async onSuccess() {
      await mkdir("dist", { recursive: true });
      await copyFile("src/styles.css", "dist/styles.css");
    },
  },
  {
    ...shared,
    entry: { server: "src/server/index.ts", testing: "src/testing/index.ts" },
    platform: "neutral",
  },
]);
