// @vitest-environment node
import { build } from "esbuild";
import { expect, it } from "vitest";

/** The hook path as an app's bundler builds it for development or for production. */
async function bundle(nodeEnv: "development" | "production") {
  const result = await build({
    stdin: {
      contents: `export { KlingProvider, useKlingEdit, VideoCompareStage } from "./src/index.ts";`,
      resolveDir: process.cwd(),
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    // As an app bundles for the browser (the media toolkit maps its Node-only module away there).
    platform: "browser",
    minify: true,
    define: { "process.env.NODE_ENV": JSON.stringify(nodeEnv) },
    external: ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query"],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

it("a production build drops the developers' warning and long messages, and keeps short errors", async () => {
  const code = await bundle("production");
  expect(code).not.toMatch(/give each its own|needs a <KlingProvider|parts go inside/);
  expect(code).toContain("react-kling-edit: no <KlingProvider>");
  expect(code).toContain("react-kling-edit: no <VideoCompareRoot>");
  expect(code).not.toContain("process.env");
});

it("a development build keeps them", async () => {
  const code = await bundle("development");
  expect(code).toMatch(/give each its own/);
  expect(code).toMatch(/this hook needs a <KlingProvider/);
  expect(code).toMatch(/VideoCompare parts go inside a <VideoCompareRoot>/);
});
