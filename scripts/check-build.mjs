// Checks the built files, not the sources: bundlers are known to drop "use client", and an
// entry that touches `window` at import time breaks every server render.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const failures = [];
const check = (ok, message) => ok || failures.push(message);
// "use client" must be in the directive prologue: first, or after "use strict" in CommonJS.
const directive = /^(?:(["'])use strict\1;?\s*)?(["'])use client\2;?/;

for (const file of ["dist/index.js", "dist/index.cjs"]) {
  const text = await readFile(file, "utf8");
  check(directive.test(text.trimStart()), `${file} must start with "use client"`);
}
for (const file of ["dist/server.js", "dist/server.cjs", "dist/testing.js", "dist/testing.cjs", "dist/testing-msw.js"]) {
  const text = await readFile(file, "utf8");
  check(!directive.test(text.trimStart()), `${file} must not carry "use client" (it is not a client module)`);
  check(!/from ["']react["']|require\(["']react["']\)/.test(text), `${file} must not import react`);
}

// Every entry loads in plain Node (no DOM), as ESM and as CommonJS.
const require = createRequire(import.meta.url);
for (const entry of ["react-kling-edit", "react-kling-edit/server", "react-kling-edit/testing", "react-kling-edit/testing/msw"]) {
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

// msw is an optional peer: only the msw entry may import it.
for (const file of ["dist/index.js", "dist/server.js", "dist/testing.js", "dist/testing.cjs"]) {
  const text = await readFile(file, "utf8");
  check(!/from ["']msw|require\(["']msw/.test(text), `${file} must not import msw (an optional peer)`);
}

if (failures.length) {
  console.error(`Build check failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("Build check passed: directives, Node import (ESM + CJS) of every entry, no DOM at import.");
