// `npm run test:consumers`: proves the packed library works in fresh apps made from scratch.
//
// Packs the library (`npm pack`), installs the tarball into throwaway apps built from the
// templates in consumers/ (a Vite app on React 19, the same app on React 18, a Next.js App
// Router app, and two design systems' editors built from the headless hooks and parts with
// none of the library's CSS: Mantine, and shadcn-style Radix + Tailwind components), and checks
// that each type-checks and builds without warnings about "use client", missing types or
// CommonJS/ESM mismatches. Then each built app is served on loopback (`next start`; `vite
// preview` with the proxy mounted by vite.config.ts): the Next.js page must be server-rendered
// with the editor in it, and in every app headless Chromium runs one edit to completion through
// the app's own proxy (createKlingProxy over the simulated backend from react-kling-edit/testing),
// the shadcn app's from an uploaded clip.
//
// The parts: scripts/consumers/ (pack, apps, process, steps, browser, scenarios/ per app).
// CONSUMERS_ONLY=<name,...> runs only those apps (for iterating on one). Plain Node ESM. Run it
// through npm so that the `node` devDependency (Node 24) is used; the apps' tools run on the same
// Node (process.execPath). KEEP_CONSUMERS=1 keeps the temp dir; CONSUMERS_TARBALL=<file.tgz>
// tests that tarball instead of packing this checkout.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { APPS, prepareApp } from "./consumers/apps.mjs";
import { packLibrary } from "./consumers/pack.mjs";
import { killTree, MINUTE, running } from "./consumers/process.mjs";
import { install, nextApp, viteApp } from "./consumers/steps.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const keep = process.env.KEEP_CONSUMERS === "1";
const TOTAL_LIMIT_MS = 14 * MINUTE;

// --- main ----------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  const work = await mkdtemp(path.join(tmpdir(), "kling-consumers-"));
  const cleanup = async () => {
    await Promise.all([...running].map((child) => killTree(child, "SIGKILL")));
    if (!keep) await rm(work, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  // Every step has its own bound; this one bounds the whole run, whatever hangs.
  const watchdog = setTimeout(() => {
    console.error(`test-consumers: still running after ${TOTAL_LIMIT_MS / MINUTE} minutes, giving up`);
    void cleanup().finally(() => process.exit(1));
  }, TOTAL_LIMIT_MS);
  watchdog.unref();

  try {
    const tarball = await packLibrary(root, work);
    console.log(`apps in ${work}`);

    const results = [];
    const only = process.env.CONSUMERS_ONLY?.split(",");
    const apps = only ? APPS.filter((spec) => only.includes(spec.name)) : APPS;
    await Promise.all(
      apps.map(async (spec) => {
        const app = { ...spec, dir: path.join(work, spec.name) };
        const result = {
          name: app.name,
          ms: {},
          failures: [],
          install: "-",
          typecheck: "-",
          build: "-",
          ssr: spec.kind === "next" ? "-" : "n/a",
          browser: "-",
        };
        results.push(result);
        await prepareApp(root, app, tarball);
        if (!(await install(app, result))) return;
        console.log(`${app.name}: installed in ${result.installS} s`);
        await (app.kind === "next" ? nextApp(app, result) : viteApp(app, result));
        console.log(`${app.name}: done (${result.failures.length ? "FAILED" : "ok"})`);
      }),
    );

    results.sort((a, b) => APPS.findIndex((x) => x.name === a.name) - APPS.findIndex((x) => x.name === b.name));
    printSummary(results, performance.now() - t0);
    const failed = results.filter((result) => result.failures.length);
    for (const result of failed) {
      console.error(`\n✗ ${result.name}`);
      for (const failure of result.failures) console.error(`  ${failure.replace(/\n/g, "\n  ")}`);
    }
    if (keep) console.log(`\nKEEP_CONSUMERS=1: apps and logs kept in ${work}`);
    return failed.length === 0;
  } finally {
    await cleanup();
  }
}

function printSummary(results, totalMs) {
  const seconds = (ms) => (ms === undefined ? "" : ` ${(ms / 1000).toFixed(0)}s`);
  const rows = [
    ["app", "install s", "typecheck", "build", "SSR", "browser"],
    ...results.map((r) => [
      r.name,
      r.installS ?? r.install,
      r.typecheck + seconds(r.ms.typecheck),
      r.build + seconds(r.ms.build),
      r.ssr + seconds(r.ms.ssr),
      r.browser + seconds(r.ms.browser),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  console.log("");
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, j) => String(cell).padEnd(widths[j])).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  for (const r of results) if (r.edit) console.log(`${r.name}: browser edit ${r.edit}`);
  console.log(`\ntotal ${(totalMs / 1000).toFixed(0)} s (apps installed and built in parallel)`);
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
