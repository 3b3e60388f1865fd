// @vitest-environment node
import { build } from "esbuild";
import { expect, it } from "vitest";

/** What a bundler keeps of the client entry for these imports (minified off, so names stay readable). */
async function bundle(names: string) {
  const result = await build({
    stdin: { contents: `export { ${names} } from "./src/index.ts";`, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    // As an app bundles for the browser (the media toolkit maps its Node-only module away there).
    platform: "browser",
    treeShaking: true,
    external: ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query"],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

const HOOKS =
  "KlingProvider, useKlingEdit, useKlingJob, useVideoCompare, useVideoEditForm, useJobProgress, useUpload, useSyncedVideos, useVideoMetadata";

it("an app that imports only the hooks carries no component code and no CSS", async () => {
  const code = await bundle(HOOKS);
  expect(code).toContain("function useVideoEditForm");
  // Components and parts are forwardRef calls, and have their names.
  expect(code).not.toMatch(/forwardRef/);
  expect(code).not.toMatch(/VideoCompareRoot|JobProgressView|KlingVideoEditor|EditorFlow/);
  // No class name of the default theme (the divider's custom property, --kling-compare-position, is the hook's), and no stylesheet.
  expect(code).not.toMatch(/(?<![-\w])kling-(root|compare|form|progress|editor|button)|\.css/);
});

it("the check sees components when they are imported", async () => {
  expect(await bundle("VideoCompare")).toMatch(/forwardRef/);
});

it("the hook path carries neither the uploader nor the history's listing", async () => {
  const code = await bundle("KlingProvider, useKlingEdit");
  expect(code).toContain("function useKlingEdit");
  expect(code).not.toMatch(/\b(createProxyUploader|proxyOffersUploads|putFile|listJobs)\b|XMLHttpRequest/);
  // The check sees them where they are used.
  expect(await bundle("KlingProvider, useKlingHistory")).toMatch(/\blistJobs\b/);
  expect(await bundle("useVideoEditForm")).toMatch(/function createProxyUploader\b/);
});
