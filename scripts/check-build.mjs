// Checks the built files, not the sources: bundlers are known to drop "use client", and an
// entry that touches `window` at import time breaks every server render.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** rolldown comes with @size-limit/rolldown; it may not be hoisted to the top of node_modules. */
async function loadRolldown() {
  try {
    return await import("rolldown");
  } catch {
    const from = createRequire(join(process.cwd(), "node_modules/@size-limit/rolldown/package.json"));
    return import(pathToFileURL(from.resolve("rolldown")).href);
  }
}

const failures = [];
const check = (ok, message) => ok || failures.push(message);
// "use client" must be in the directive prologue: first, or after "use strict" in CommonJS.
const directive = /^(?:(["'])use strict\1;?\s*)?(["'])use client\2;?/;

// Every built module, ESM and CommonJS: the client entry and the rest hold different rules.
const built = (await readdir("dist")).filter((name) => /\.c?js$/.test(name)).map((name) => `dist/${name}`);
check(built.length >= 10, `dist holds ${built.length} modules; expected the five entries as ESM and CJS`);
check(
  built.some((file) => /^dist\/chunk-.*\.js$/.test(file)),
  "the ES module build has no shared chunk: the entries each carry their own core",
);
// What the server and testing entries load, statically or on demand: none of it may import React.
// (The client entry's own lazily loaded chunks, such as the trimmer's, are React code.)
const serverSide = new Set();
async function follow(file) {
  if (serverSide.has(file)) return;
  serverSide.add(file);
  const text = await readFile(file, "utf8");
  for (const [, name] of text.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']\.\/([^"']+)["']/g))
    await follow(`dist/${name}`);
}
for (const file of built.filter((name) => /^dist\/(server|server-redis|testing|testing-msw|core)\.c?js$/.test(name)))
  await follow(file);
for (const file of built) {
  const text = await readFile(file, "utf8");
  const client = /^dist\/index\.c?js$/.test(file);
  if (client) {
    check(directive.test(text.trimStart()), `${file} must start with "use client"`);
  } else {
    check(!directive.test(text.trimStart()), `${file} must not carry "use client" (it is not a client module)`);
    if (serverSide.has(file))
      check(
        !/from ["']react["']|require\(["']react["']\)/.test(text),
        `${file} must not import react (a server or testing entry loads it)`,
      );
  }
  // msw and redis are optional peers: nothing imports them (the Redis store takes the app's client).
  check(
    !/from ["']msw["']|require\(["']msw["']\)/.test(text) || /^dist\/testing-msw\.c?js$/.test(file),
    `${file} must not import msw (an optional peer)`,
  );
  check(
    !/from ["']redis["']|require\(["']redis["']\)|from ["']@redis\//.test(text),
    `${file} must not import redis: the Redis store uses the app's own client`,
  );
}

// Developers' warnings and long messages sit behind `process.env.NODE_ENV`, which the app's
// bundler decides (and drops from production builds): the library's build must keep the check.
for (const file of ["dist/index.js", "dist/index.cjs"]) {
  const text = await readFile(file, "utf8");
  check(
    /process\.env\.NODE_ENV/.test(text) && /give each its own/.test(text),
    `${file} lost its development-only checks: the build must leave process.env.NODE_ENV to the app's bundler`,
  );
}

// Every entry loads in plain Node (no DOM), as ESM and as CommonJS.
const require = createRequire(import.meta.url);
for (const entry of [
  "react-kling-edit",
  "react-kling-edit/core",
  "react-kling-edit/server",
  "react-kling-edit/server/redis",
  "react-kling-edit/testing",
  "react-kling-edit/testing/msw",
]) {
  try {
    const esm = await import(entry);
    const cjs = require(entry);
    check(Object.keys(esm).length > 0, `${entry} (ESM) exports nothing`);
    check(Object.keys(cjs).length === Object.keys(esm).length, `${entry}: ESM and CommonJS export different names`);
  } catch (error) {
    failures.push(`${entry} does not load in Node without a DOM: ${error.message}`);
  }
}
check(typeof globalThis.window === "undefined", "importing the entries defined a global window");

// One error model: an error made by one entry (or module system) is recognised by every other.
try {
  const makers = [
    await import("react-kling-edit/server"),
    require("react-kling-edit/server"),
    await import("react-kling-edit/testing"),
  ];
  const readers = [
    await import("react-kling-edit"),
    require("react-kling-edit"),
    await import("react-kling-edit/server"),
  ];
  for (const [m, maker] of makers.entries()) {
    if (!maker.KlingError) continue;
    const error = new maker.KlingError("quota_exceeded");
    for (const [r, reader] of readers.entries()) {
      check(
        reader.isKlingError(error) && error instanceof reader.KlingError,
        `a KlingError of module ${m} is not recognised by reader ${r}`,
      );
    }
  }
  const { KlingError: EsmError } = await import("react-kling-edit/server");
  const { KlingError: ClientError } = await import("react-kling-edit");
  check(EsmError === ClientError, "the server and client ES module entries define two KlingError classes");
} catch (error) {
  failures.push(`error identity could not be checked: ${error.message}`);
}

// The uploader is a chunk of its own that an app fetches only when its proxy takes uploads: an
// app's bundler (rolldown, as size-limit runs it) keeps it out of the code loaded up front, also
// beside the provider, whose client shares helpers with it.
try {
  const { build } = await loadRolldown();
  for (const names of ["KlingProvider, useVideoEditForm", "KlingVideoEditor"]) {
    const dir = await mkdtemp(join(tmpdir(), "kling-chunks-"));
    await writeFile(
      join(dir, "app.js"),
      `import { ${names} } from ${JSON.stringify(join(process.cwd(), "dist/index.js"))};\nconsole.log(${names});\n`,
    );
    const { output } = await build({
      input: [join(dir, "app.js")],
      external: /^(react|react-dom|@tanstack\/react-query)($|\/)/,
      logLevel: "silent",
      write: false,
    });
    await rm(dir, { recursive: true, force: true });
    const upFront = output.filter((chunk) => chunk.type === "chunk" && chunk.isEntry);
    const lazy = output.filter((chunk) => chunk.type === "chunk" && chunk.isDynamicEntry);
    check(
      upFront.every((chunk) => !chunk.code.includes("XMLHttpRequest")),
      `{ ${names} }: the uploader is in the code an app loads up front`,
    );
    check(
      lazy.some((chunk) => chunk.code.includes("XMLHttpRequest")),
      `{ ${names} }: no chunk of its own holds the uploader`,
    );
    // The trimmer, too, is fetched only when a clip needs one.
    check(
      upFront.every((chunk) => !chunk.code.includes("--kling-trim-start")),
      `{ ${names} }: the trimmer is in the code an app loads up front`,
    );
    if (names === "KlingVideoEditor")
      check(
        lazy.some((chunk) => chunk.code.includes("--kling-trim-start")),
        `{ ${names} }: no chunk of its own holds the trimmer`,
      );
  }
} catch (error) {
  failures.push(`the uploader's chunk could not be checked: ${error.message}`);
}

// The sample clips of react-kling-edit/testing: in the packed package, and read through both
// module systems (the ES module's import.meta.url, the CommonJS build's shim of it).
try {
  const { execFileSync } = await import("node:child_process");
  const [{ files }] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" }),
  );
  const testing = [await import("react-kling-edit/testing"), require("react-kling-edit/testing")];
  for (const [name, { bytes }] of Object.entries(testing[0].SAMPLE_CLIPS)) {
    check(
      files.some((file) => file.path === `dist/samples/${name}.mp4` && file.size === bytes),
      `the packed package lacks dist/samples/${name}.mp4 (${bytes} bytes)`,
    );
    for (const module of testing)
      check(
        (await module.loadSampleClip(name)).size === bytes,
        `loadSampleClip("${name}") does not read the shipped file`,
      );
  }
} catch (error) {
  failures.push(`the sample clips could not be checked: ${error.message}`);
}

if (failures.length) {
  console.error(`Build check failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(
  "Build check passed: directives, no React where the server entries reach, development checks left to the app's bundler, the uploader and the trimmer in chunks of their own, Node import (ESM + CJS) of every entry, no DOM at import, the sample clips packed.",
);
