import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";

const shared: Options = {
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  target: "es2022",
  external: ["react", "react-dom", "@tanstack/react-query", "msw"],
};

export default defineConfig([
  {
    ...shared,
    entry: { index: "src/index.ts" },
    // src/index.ts starts with "use client"; esbuild keeps an entry's directive, while tsup's
    // rollup tree-shaking pass would drop it, so that pass stays off. check-build.mjs verifies.
    clean: true,
    async onSuccess() {
      // One stylesheet: base tokens first, then one file per component, in name order.
      const files = (await readdir("src/styles")).filter((f) => f.endsWith(".css")).sort();
      files.sort((a, b) => Number(b === "base.css") - Number(a === "base.css"));
      const parts = await Promise.all(files.map((f) => readFile(`src/styles/${f}`, "utf8")));
      await mkdir("dist", { recursive: true });
      await writeFile("dist/styles.css", parts.join("\n"));
    },
  },
  {
    ...shared,
    entry: { server: "src/server/index.ts", testing: "src/testing/index.ts", "testing-msw": "src/testing/msw.ts" },
    platform: "neutral",
  },
]);
