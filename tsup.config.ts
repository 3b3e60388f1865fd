import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";

// One build of every entry, so the code they share (the core: errors, validation, the contract)
// sits in shared ES module chunks and exists once: a `KlingError` made by the server entry is
// the class the client entry knows. CommonJS is built per entry (tsup's CommonJS splitting
// rewrites the files and puts helpers above "use client"); errors are recognised across copies
// anyway, by a registered symbol (src/core/errors.ts), which also covers an app that loads both
// the ES module and the CommonJS build.
const shared: Options = {
  entry: {
    index: "src/index.ts",
    server: "src/server/index.ts",
    "server-redis": "src/server/redis/index.ts",
    core: "src/core/entry.ts",
    testing: "src/testing/index.ts",
    "testing-msw": "src/testing/msw.ts",
  },
  dts: true,
  sourcemap: true,
  target: "es2022",
  // The server entries run on Node, workerd, Deno and Bun; the client entry in browsers and SSR.
  platform: "neutral",
  external: ["react", "react-dom", "@tanstack/react-query", "msw", "redis"],
  // src/index.ts starts with "use client"; esbuild keeps an entry's directive, while tsup's
  // rollup tree-shaking pass would drop it, so that pass stays off. check-build.mjs verifies,
  // and also that no shared chunk carries it.
  async onSuccess() {
    // One stylesheet: base tokens first, then one file per component, in name order.
    const files = (await readdir("src/styles")).filter((f) => f.endsWith(".css")).sort();
    files.sort((a, b) => Number(b === "base.css") - Number(a === "base.css"));
    const parts = await Promise.all(files.map((f) => readFile(`src/styles/${f}`, "utf8")));
    await mkdir("dist", { recursive: true });
    await writeFile("dist/styles.css", parts.join("\n"));
    // The sample clips of react-kling-edit/testing, beside the modules that point at them
    // (`new URL("./samples/…", import.meta.url)`); src/testing/samples links to public/samples.
    await mkdir("dist/samples", { recursive: true });
    for (const clip of await readdir("src/testing/samples"))
      await copyFile(`src/testing/samples/${clip}`, `dist/samples/${clip}`);
  },
};

export default defineConfig([
  { ...shared, format: "esm", splitting: true },
  // shims: `import.meta.url` (the sample clips' URLs) becomes the CommonJS file's own URL.
  { ...shared, format: "cjs", splitting: false, shims: true },
]);
