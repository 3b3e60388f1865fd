// Bundle sizes, min+gzip, measured the way `npm run size` measures them, for us and for the
// libraries people use today, in one run: size-limit's rolldown step as @size-limit/rolldown
// configures it (an entry `import { names } from "<file>"; console.log(names)`, minify,
// treeshake, peers external by `^(name)($|/)`), every output chunk gzipped at level 9 (as
// @size-limit/file does), minus the 34 bytes size-limit subtracts for an empty import project.
// Run: node bench/sizes.mjs (needs dist/: npm run build).
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;

/** rolldown comes with @size-limit/rolldown; it may not be hoisted to the top of node_modules. */
async function loadRolldown() {
  try {
    return await import("rolldown");
  } catch {
    const require = createRequire(join(root, "node_modules/@size-limit/rolldown/package.json"));
    return import(pathToFileURL(require.resolve("rolldown")).href);
  }
}
const { build } = await loadRolldown();

// @size-limit/rolldown's constant for `import {} from …; console.log()` with gzip.
const EMPTY_IMPORT_GZIP = 34;
// Our peers (size-limit adds a package's peerDependencies to `ignore`) and react-dom.
const EXTERNAL = ["react", "react-dom", "@tanstack/react-query", "msw"];
const escape = (name) => name.replace(/[|\\{}()[\]^$+*?.]/g, "\\$&").replace(/-/g, "\\x2d");
const external = new RegExp(`^(${EXTERNAL.map(escape).join("|")})($|/)`);

const dist = (file) => join(root, "dist", file);
export const subjects = [
  { bundle: "react-kling-edit: client entry, everything", from: dist("index.js"), names: "*" },
  {
    bundle: "react-kling-edit: hook path { KlingProvider, useKlingEdit }",
    from: dist("index.js"),
    names: "{ KlingProvider, useKlingEdit }",
  },
  { bundle: "react-kling-edit: { VideoCompare } alone", from: dist("index.js"), names: "{ VideoCompare }" },
  { bundle: "react-kling-edit: { KlingVideoEditor }", from: dist("index.js"), names: "{ KlingVideoEditor }" },
  {
    bundle: "react-kling-edit: { inspectClip } with its chunks (fetched when a clip is first read)",
    from: dist("index.js"),
    names: "{ inspectClip }",
  },
  {
    bundle: "react-kling-edit: { inspectClip, canPrepareClip, prepareClip } with their chunks (mediabunny)",
    from: dist("index.js"),
    names: "{ inspectClip, canPrepareClip, prepareClip }",
  },
  {
    bundle: "react-kling-edit/server: { createKlingProxy, toNodeHandler }",
    from: dist("server.js"),
    names: "{ createKlingProxy, toNodeHandler }",
  },
  { bundle: "react-kling-edit/testing: everything", from: dist("testing.js"), names: "*" },
  { bundle: "react-kling-edit/testing/msw: everything (msw external)", from: dist("testing-msw.js"), names: "*" },
  { bundle: "@fal-ai/client: everything", from: "@fal-ai/client", names: "*" },
  { bundle: "replicate: everything", from: "replicate", names: "*" },
  {
    bundle: "react-compare-slider: { ReactCompareSlider }",
    from: "react-compare-slider",
    names: "{ ReactCompareSlider }",
  },
];

let entries = 0;

/** The entry size-limit's processImport writes. */
function entry(from, names) {
  const imports = names === "*" ? "* as all" : names;
  const list = names === "*" ? "all" : names.replace(/}|{/g, "").trim();
  return `import ${imports} from ${JSON.stringify(from)}\nconsole.log(${list})\n`;
}

async function measure(from, names, scratch) {
  const dir = join(scratch, String(++entries));
  await mkdir(dir, { recursive: true });
  const input = join(dir, "index.js");
  await writeFile(input, entry(from, names));
  const result = await build({
    input: [input],
    onLog(_level, log) {
      if (log.code === "UNRESOLVED_IMPORT")
        throw new Error(`Could not resolve ${JSON.stringify(log.exporter)} in ${log.id}`);
    },
    output: { comments: { annotation: false }, dir, minify: true },
    treeshake: true,
    external,
    write: false,
  });
  let min = 0;
  let gzip = 0;
  for (const file of result.output) {
    const bytes = file.type === "chunk" ? Buffer.from(file.code) : Buffer.from(file.source);
    min += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { min, gzip: gzip - EMPTY_IMPORT_GZIP };
}

const kB = (bytes) => (bytes / 1000).toFixed(2);

export async function measureSizes() {
  if (!existsSync(dist("index.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  // Bare names (the other libraries) resolve from inside the project, so the entries live there.
  const scratch = join(root, "node_modules/.cache", `react-kling-edit-bench-sizes-${randomUUID()}`);
  try {
    const rows = [];
    for (const { bundle, from, names } of subjects) {
      const { min, gzip } = await measure(from, names, scratch);
      rows.push({ bundle, "minified (kB)": kB(min), "min+gzip (kB)": kB(gzip), "min+gzip (bytes)": gzip });
    }
    return rows;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export const SIZES_TITLE = "Bundle size, minified + gzip -9";
export const SIZES_METHOD =
  "rolldown as @size-limit/rolldown configures it (minify, treeshake, react, react-dom, @tanstack/react-query and msw external), " +
  "each chunk gzipped at level 9, minus size-limit's 34-byte empty-import baseline; the same figures `npm run size` reports; kB = 1000 bytes.";

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`${SIZES_TITLE}\n${SIZES_METHOD}`);
  console.table(await measureSizes());
}
