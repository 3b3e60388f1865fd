// @vitest-environment node
// The media toolkit is in chunks of its own, fetched when a clip is first read or prepared:
// what an app loads up front (the hook path, the clip rule, the doors themselves) holds none of
// it. Bundled with rolldown, as Vite bundles apps.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Rolldown from "rolldown";
import { afterAll, expect, it } from "vitest";

const root = process.cwd();
const scratch = join(root, "node_modules/.cache", `clip-bundle-${process.pid}`);
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function loadRolldown(): Promise<typeof Rolldown> {
  try {
    return await import("rolldown");
  } catch {
    const from = createRequire(join(root, "node_modules/@size-limit/rolldown/package.json"));
    return import(pathToFileURL(from.resolve("rolldown")).href);
  }
}

let entries = 0;

/**
 * What an app bundles for these imports: the code loaded up front (the entry and the chunks it
 * imports statically) and the code it may fetch later (the chunks its `import()` calls reach).
 */
async function bundle(names: string) {
  const { build } = await loadRolldown();
  const input = join(scratch, `entry-${++entries}.js`);
  await mkdir(scratch, { recursive: true });
  await writeFile(input, `export { ${names} } from ${JSON.stringify(join(root, "src/index.ts"))};\n`);
  const result = await build({
    input,
    external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\/react-query$/],
    treeshake: true,
    write: false,
    logLevel: "silent",
    output: { dir: join(scratch, "out"), minify: false },
  });
  const files = new Map(
    result.output.flatMap((file) => (file.type === "chunk" ? [[file.fileName, file.code] as const] : [])),
  );
  const reach = (dynamic: boolean) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name) || !files.has(name)) return;
      seen.add(name);
      const code = files.get(name)!;
      for (const [, file] of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;(]*?["']\.\/([^"']+)["']/g)) visit(file!);
      if (dynamic) for (const [, file] of code.matchAll(/import\(\s*["']\.\/([^"']+)["']\s*\)/g)) visit(file!);
    };
    visit([...files.keys()][0]!);
    return seen;
  };
  const upFront = reach(false);
  const fetchable = reach(true);
  const text = (pick: (name: string) => boolean) =>
    [...files]
      .filter(([name]) => pick(name))
      .map(([, code]) => code)
      .join("\n");
  return { entry: text((name) => upFront.has(name)), lazy: text((name) => fetchable.has(name) && !upFront.has(name)) };
}

// Classes of the toolkit that any use of it brings (names stay: minification is off).
const TOOLKIT = /\b(?:class|var|let|const) (?:Input|BlobSource|Conversion|Mp4OutputFormat)\b/;
const CONVERTER = /\b(?:class|var|let|const) Conversion\b/;

it("inspectClip and prepareClip load the toolkit only when called", async () => {
  const { entry, lazy } = await bundle("inspectClip, canPrepareClip, prepareClip");
  expect(entry).not.toMatch(TOOLKIT);
  expect(lazy).toMatch(CONVERTER);
  // An app that only reads clips never fetches the converter.
  const reading = await bundle("inspectClip");
  expect(reading.entry).not.toMatch(TOOLKIT);
  expect(reading.lazy).toMatch(TOOLKIT);
  expect(reading.lazy).not.toMatch(CONVERTER);
});

it("the hook path, the clip rule and the worker door carry none of it", async () => {
  for (const names of ["KlingProvider, useKlingEdit", "checkClip, clipVerdict, fitClipSize", "prepareClipInWorker"]) {
    const { entry, lazy } = await bundle(names);
    expect([names, TOOLKIT.test(entry + lazy)]).toEqual([names, false]);
  }
});
