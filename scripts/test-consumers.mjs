// `npm run test:consumers`: proves the packed library works in fresh apps made from scratch.
//
// Packs the library (`npm pack`), installs the tarball into throwaway apps built from the
// templates in consumers/ (a Vite app on React 19, the same app on React 18, a Next.js App
// Router app, and a Mantine app that builds the whole editor from the headless hooks and parts
// with none of the library's CSS), and checks that each type-checks and builds without warnings about "use client",
// missing types or CommonJS/ESM mismatches. Then each built app is served on loopback (`next
// start`; `vite preview` with the proxy mounted by vite.config.ts): the Next.js page must be
// server-rendered with the editor in it, and in every app headless Chromium runs one edit to
// completion through the app's own proxy (createKlingProxy over the simulated backend from
// react-kling-edit/testing).
//
// CONSUMERS_ONLY=<name,...> runs only those apps (for iterating on one). Plain Node ESM. Run it through npm so that the `node` devDependency (Node 24) is used; the
// apps' tools run on the same Node (process.execPath). KEEP_CONSUMERS=1 keeps the temp dir;
// CONSUMERS_TARBALL=<file.tgz> tests that tarball instead of packing this checkout.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const keep = process.env.KEEP_CONSUMERS === "1";
const NODE = process.execPath;
const MINUTE = 60_000;
const TOTAL_LIMIT_MS = 12 * MINUTE;
const CHROMIUM = CHROMIUM_PATH;

// Lines of build output that mean a consumer would see a packaging problem. Kept narrow so that
// ordinary output never matches; every match is printed and fails the app.
const BAD_OUTPUT = [
  /use client/i, // directive dropped, ignored or misplaced
  /You're importing a component that needs/, // Next: a client hook reached a server component
  /only works in a Client Component/i,
  /from the server but .* is on the client/, // Next: a "use client" export called on the server
  /Could not find a declaration file/, // TS7016: types missing from the package
  /implicitly has an 'any' type/,
  /Cannot find module/,
  /Module not found/,
  /ERR_PACKAGE_PATH_NOT_EXPORTED|is not exported under the conditions/,
  /ERR_REQUIRE_ESM|require\(\) of ES Module/,
  /ERR_MODULE_NOT_FOUND|ERR_UNSUPPORTED_DIR_IMPORT/,
  /does not provide an export named/,
  /is not exported by|Attempted import error/,
  /Dynamic require of .* is not supported/,
  /CJS build of Vite/,
  /unsupported by `configLoader/, // Vite: the config will not load with its coming native loader
  /Failed to resolve (import|entry)/,
  /ERESOLVE|Conflicting peer dependency|unmet peer/i,
];
// eslint-disable-next-line no-control-regex
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, "");
const badLines = (output) =>
  stripAnsi(output)
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => BAD_OUTPUT.some((pattern) => pattern.test(line)));

// --- processes -----------------------------------------------------------------------------

const running = new Set();

/** Kills a child and everything it started (it leads its own process group). */
function killTree(child, signal = "SIGTERM") {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts a command in its own process group, output (stdout and stderr, in order) collected.
 * `closed` resolves with the exit code (-1 if it could not start); `stop()` ends it and its
 * children, SIGKILL after 5 s.
 */
function start(command, args, { cwd, env }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  let output = "";
  let exited = false;
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const closed = new Promise((resolve) => {
    const done = (code) => {
      if (exited) return;
      exited = true;
      running.delete(child);
      resolve(code);
    };
    child.on("error", (error) => {
      output += `\n${error.message}`;
      done(-1);
    });
    child.on("close", done);
  });
  return {
    log: () => stripAnsi(output),
    exited: () => exited,
    closed,
    async stop(signal = "SIGTERM") {
      if (exited) return;
      killTree(child, signal);
      const timer = setTimeout(() => killTree(child, "SIGKILL"), 5_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/**
 * Runs a command to its end, bounded by `timeoutMs`; resolves with its exit code (null on
 * timeout), output and duration, and writes them to `logFile`. Never rejects.
 */
async function run(command, args, { cwd, env, timeoutMs, logFile }) {
  const started = performance.now();
  const job = start(command, args, { cwd, env });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void job.stop("SIGKILL");
  }, timeoutMs);
  const code = await job.closed;
  clearTimeout(timer);
  const output = job.log() + (timedOut ? `\n[test-consumers] timed out after ${timeoutMs / 1000} s` : "");
  if (logFile) await writeFile(logFile, `$ ${command} ${args.join(" ")}\n${output}`).catch(() => {});
  return { code: timedOut ? null : code, output, ms: performance.now() - started };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers (any status), bounded. */
async function waitForHttp(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`the server exited before answering:\n${server.log()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

// --- the apps ------------------------------------------------------------------------------

// The apps do not install msw: `react-kling-edit/testing` must work without that optional peer
// (its msw handlers live in `react-kling-edit/testing/msw`).


const VITE_DEPS = {
  "@tanstack/react-query": "^5.0.0",
  "@vitejs/plugin-react": "^6.0.0",
  typescript: "^6.0.0",
  vite: "^8.0.0",
};

const APPS = [
  {
    name: "vite-react19",
    template: "vite",
    dependencies: {
      ...VITE_DEPS,
      react: "^19.0.0",
      "react-dom": "^19.0.0",
      "@types/react": "^19.0.0",
      "@types/react-dom": "^19.0.0",
    },
  },
  {
    name: "vite-react18",
    template: "vite",
    dependencies: {
      ...VITE_DEPS,
      react: "^18.0.0",
      "react-dom": "^18.0.0",
      "@types/react": "^18.0.0",
      "@types/react-dom": "^18.0.0",
    },
  },
  {
    // A design system's editor: Mantine's inputs and buttons over useVideoEditForm,
    // useJobProgress and the VideoCompare parts. It shares the Vite app's proxy and config.
    name: "mantine",
    template: "mantine",
    from: { template: "vite", files: ["index.html", "vite.config.ts", "kling-proxy.ts"] },
    headless: true,
    dependencies: {
      ...VITE_DEPS,
      "@mantine/core": "^9.0.0",
      "@mantine/hooks": "^9.0.0",
      react: "^19.2.0",
      "react-dom": "^19.2.0",
      "@types/react": "^19.0.0",
      "@types/react-dom": "^19.0.0",
    },
  },
  {
    name: "next",
    template: "next",
    dependencies: {
      "@tanstack/react-query": "^5.0.0",
      next: "^16.0.0",
      react: "^19.0.0",
      "react-dom": "^19.0.0",
      "@types/node": "^24.0.0",
      "@types/react": "^19.0.0",
      "@types/react-dom": "^19.0.0",
      typescript: "^6.0.0",
        },
  },
];

const bin = (dir, file) => path.join(dir, "node_modules", file);
const appEnv = { NEXT_TELEMETRY_DISABLED: "1", NO_UPDATE_NOTIFIER: "1", CI: "1", FORCE_COLOR: "0", NO_COLOR: "1" };

/** A step's outcome for the table: "ok", "FAIL" or "-" (not run). */
function record(result, step, ok, detail) {
  result[step] = ok ? "ok" : "FAIL";
  if (!ok) result.failures.push(`${step}: ${detail}`);
  return ok;
}

/** Runs a tool of the app; fails on a non-zero exit or on a bad output line. */
async function tool(app, result, step, args, timeoutMs) {
  const outcome = await run(NODE, args, {
    cwd: app.dir,
    env: appEnv,
    timeoutMs,
    logFile: path.join(app.dir, `${step}.log`),
  });
  result.ms[step] = outcome.ms;
  const bad = badLines(outcome.output);
  if (outcome.code !== 0) {
    return record(result, step, false, `exit ${outcome.code}\n${outcome.output.trim().split("\n").slice(-40).join("\n")}`);
  }
  if (bad.length) return record(result, step, false, `warnings a consumer would see:\n  ${bad.join("\n  ")}`);
  return record(result, step, true);
}

async function install(app, result) {
  const outcome = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn"], {
    cwd: app.dir,
    env: { NO_UPDATE_NOTIFIER: "1" },
    timeoutMs: 8 * MINUTE,
    logFile: path.join(app.dir, "install.log"),
  });
  result.ms.install = outcome.ms;
  result.installS = (outcome.ms / 1000).toFixed(0);
  if (outcome.code !== 0) return record(result, "install", false, `npm install exit ${outcome.code}\n${outcome.output}`);
  const bad = badLines(outcome.output);
  if (bad.length) return record(result, "install", false, `npm warnings:\n  ${bad.join("\n  ")}`);
  // The tarball's files, not a link to the repo: a consumer gets exactly what npm publishes.
  if (!existsSync(bin(app.dir, "react-kling-edit/dist/index.js"))) {
    return record(result, "install", false, "react-kling-edit/dist/index.js missing after install");
  }
  return record(result, "install", true);
}

const tsc = (app, result) =>
  tool(app, result, "typecheck", [bin(app.dir, "typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"], 3 * MINUTE);

async function viteApp(app, result) {
  const vite = bin(app.dir, "vite/bin/vite.js");
  if (!(await tsc(app, result))) return;
  if (!(await tool(app, result, "build", [vite, "build", "--logLevel", "warn"], 4 * MINUTE))) return;
  // `vite preview` serves the build, with the proxy mounted by the app's vite.config.ts.
  await serve(app, result, (port) => [vite, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"]);
}

async function nextApp(app, result) {
  const next = bin(app.dir, "next/dist/bin/next");
  if (!(await tool(app, result, "build", [next, "build"], 6 * MINUTE))) return;
  // After the build: next-env.d.ts and .next/types exist, so plain tsc sees what `next build` saw.
  if (!(await tsc(app, result))) return;
  await serve(app, result, (port) => [next, "start", "-H", "127.0.0.1", "-p", String(port)], { ssr: true });
}

/** Starts the built app on a free loopback port, checks its server render, runs the edit. */
async function serve(app, result, argsFor, { ssr = false } = {}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = start(NODE, argsFor(port), { cwd: app.dir, env: appEnv });
  try {
    const t0 = performance.now();
    const problems = [];
    try {
      await waitForHttp(`${origin}/`, server, MINUTE);
      // The proxy answers as the contract says: an unknown path is refused, not forwarded.
      const refused = await fetch(`${origin}/api/kling/models/other-model/run`, { method: "POST", body: "{}" });
      if (refused.status < 400 || refused.status >= 500) problems.push(`proxy: an unknown route answered ${refused.status}`);
      if (ssr) {
        const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(30_000) });
        const html = await response.text();
        for (const [ok, why] of [
          [response.status === 200, `GET / answered ${response.status}`],
          [/<form[^>]*class="[^"]*kling-form/.test(html), 'no <form class="kling-form"> in the HTML'],
          [/data-step="form"/.test(html), 'no data-step="form" (the editor root) in the HTML'],
          [html.includes("Start edit"), 'no "Start edit" button in the HTML'],
        ]) {
          if (!ok) problems.push(why);
        }
      }
    } catch (error) {
      problems.push(error.message);
    }
    const serverErrors = serverLogErrors(server.log());
    if (serverErrors.length) problems.push(`server log:\n  ${serverErrors.join("\n  ")}`);
    if (ssr) {
      result.ms.ssr = performance.now() - t0;
      if (!record(result, "ssr", problems.length === 0, problems.join("\n"))) return;
    } else if (problems.length) {
      return record(result, "browser", false, problems.join("\n"));
    }

    const t1 = performance.now();
    const edit = await browserEdit(origin, app);
    const errors = serverLogErrors(server.log());
    if (errors.length) edit.problems.push(`server log:\n  ${errors.join("\n  ")}`);
    result.ms.browser = performance.now() - t1;
    result.edit = edit.summary;
    record(result, "browser", edit.problems.length === 0, edit.problems.join("\n"));
  } finally {
    await server.stop();
    await writeFile(path.join(app.dir, "server.log"), server.log()).catch(() => {});
  }
}

const serverLogErrors = (log) =>
  log
    .split("\n")
    .filter((line) => /error|warn|⨯|unhandled|exception/i.test(line) || badLines(line).length);

/** axe-core's violations on the page (a design system's markup over the hooks must be as accessible as the library's own). */
async function axeViolations(page) {
  await page.addScriptTag({ path: path.join(root, "node_modules/axe-core/axe.min.js") });
  return page.evaluate(async () => {
    const { violations } = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/**
 * One edit in headless Chromium through the app's proxy: fill the form, submit, wait for the
 * comparison of the source and edited videos. Returns what went wrong and a one-line summary.
 */
async function browserEdit(origin, app) {
  const { chromium } = await import("playwright-core"); // the repo's, not the throwaway app's
  const problems = [];
  const consoleErrors = []; // fail the run
  const consoleNotes = []; // printed when something else failed
  const offLoopback = [];
  const calls = { submits: 0, polls: 0 };
  let summary = "";
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext();
    // Only loopback: anything else is aborted and reported.
    await context.route("**/*", (route) => {
      const { hostname, protocol } = new URL(route.request().url());
      if (protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1") return route.continue();
      offLoopback.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("console", (message) => {
      const line = `[${message.type()}] ${message.text()}`;
      if (message.type() === "error") consoleErrors.push(line);
      else if (message.type() === "warning") consoleNotes.push(line);
    });
    page.on("pageerror", (error) => consoleErrors.push(`[pageerror] ${error.message}`));
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() === "POST" && pathname === "/api/kling/models/kling-video-edit/run") calls.submits += 1;
      if (request.method() === "GET" && pathname.startsWith("/api/kling/jobs/")) calls.polls += 1;
    });
    page.on("response", (response) => {
      if (response.status() >= 400) consoleNotes.push(`[http ${response.status()}] ${response.request().method()} ${response.url()}`);
    });

    const step = async (what, action) => {
      try {
        await action();
        return true;
      } catch (error) {
        const state = await page
          .evaluate(() => ({
            step: document.querySelector("[data-step]")?.getAttribute("data-step"),
            alerts: [...document.querySelectorAll('[role="alert"]')].map((node) => node.textContent),
          }))
          .catch(() => ({}));
        problems.push(`${what}: ${error.message.split("\n")[0]} (editor step ${state.step}, alerts ${JSON.stringify(state.alerts)})`);
        return false;
      }
    };

    let submittedAt = 0;
    const ok =
      (await step("open the page", () => page.goto(`${origin}/`, { waitUntil: "load", timeout: 30_000 }))) &&
      // Hydrated: React has attached itself to the server-rendered form.
      (await step("hydrate", () =>
        page.waitForFunction(
          () => {
            const form = document.querySelector("form[data-state]");
            return !!form && Object.keys(form).some((key) => key.startsWith("__react"));
          },
          null,
          { timeout: 30_000 },
        ),
      )) &&
      // The form's validation reaches the page's own inputs: invalid, and described by the message.
      (await step("validation wired to the inputs", async () => {
        await page.getByRole("button", { name: "Start edit" }).click();
        const prompt = page.getByLabel("What to change");
        await prompt.waitFor();
        const wired = await prompt.evaluate((field) => ({
          invalid: field.getAttribute("aria-invalid"),
          focused: document.activeElement === field,
          described: (field.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? ""),
        }));
        if (wired.invalid !== "true" || !wired.focused || !wired.described.some((text) => text.includes("Describe the change you want to make."))) {
          throw new Error(`the prompt is not marked invalid, focused and described by its message: ${JSON.stringify(wired)}`);
        }
        const violations = app.headless ? await axeViolations(page) : [];
        if (violations.length) throw new Error(`axe on the invalid form: ${violations.join("; ")}`);
      })) &&
      (await step("fill the form", async () => {
        await page.getByLabel("What to change").fill("Make it snow");
        await page.getByLabel("Source video URL").fill(`${origin}/samples/source.mp4`);
        const duration = page.getByLabel("Video length (seconds)");
        // Filled in from the video's metadata; typed in if Chromium could not read it.
        await page
          .waitForFunction(() => document.querySelector('input[name="video_duration"]')?.value !== "", null, { timeout: 15_000 })
          .catch(() => duration.fill("4"));
      })) &&
      (await step("submit", async () => {
        await page.getByRole("button", { name: "Start edit" }).click();
        submittedAt = performance.now();
      })) &&
      (await step("progress shown", () => page.locator('[data-step="progress"], [data-step="result"]').first().waitFor({ timeout: 15_000 }))) &&
      (await step("completed within 60 s", () =>
        page.locator('[data-step="result"] [data-mode][data-state="ready"]').waitFor({ timeout: 60_000 }),
      ));
    if (ok) {
      summary = `completed ${((performance.now() - submittedAt) / 1000).toFixed(1)} s after submit: ${calls.submits} submit, ${calls.polls} status requests`;
      // One POST per user action: a submit is billed.
      if (calls.submits !== 1) problems.push(`expected exactly 1 submit request, saw ${calls.submits}`);
      const sources = await page.$$eval('[data-step="result"] video', (videos) => videos.map((video) => video.currentSrc || video.src));
      if (!sources.some((src) => src.endsWith("/samples/edited.mp4"))) problems.push(`the result does not show the edited video: ${sources.join(", ")}`);
      if (!sources.some((src) => src.endsWith("/samples/source.mp4"))) problems.push(`the result does not show the source video: ${sources.join(", ")}`);
      if (app.headless) {
        // Built from the headless layer alone: no class or stylesheet rule of the library's theme.
        const styled = await page.evaluate(() => ({
          classes: [...document.querySelectorAll("[class*='kling-']")].map((element) => element.className),
          rules: [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).filter((text) => /\.kling-|:where\(\.kling/.test(text)).length,
        }));
        if (styled.classes.length || styled.rules) problems.push(`the library's CSS is on the page: ${JSON.stringify(styled)}`);
        // The divider is the library's, in the app's markup: it moves by keyboard.
        const divider = page.getByRole("slider", { name: "Comparison divider" });
        await divider.focus();
        await page.keyboard.press("PageUp");
        const now = await divider.getAttribute("aria-valuenow");
        if (now !== "60") problems.push(`the divider did not move by keyboard (aria-valuenow ${now})`);
        const violations = await axeViolations(page);
        if (violations.length) problems.push(`axe on the result: ${violations.join("; ")}`);
      }
    }
    if (offLoopback.length) problems.push(`requests left loopback: ${offLoopback.join(", ")}`);
    if (problems.length || consoleErrors.length) {
      const lines = [...consoleErrors, ...consoleNotes];
      problems.push(`browser console:\n  ${lines.join("\n  ") || "(empty)"}`);
    }
  } catch (error) {
    problems.push(`browser: ${error.message}`);
  } finally {
    await browser.close().catch(() => {});
  }
  return { problems, summary };
}

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
    let tarball = process.env.CONSUMERS_TARBALL && path.resolve(process.env.CONSUMERS_TARBALL);
    if (tarball) {
      console.log(`CONSUMERS_TARBALL: testing ${tarball} instead of packing this checkout`);
    } else {
      // Packed as a fresh clone would be: no dist/ until `prepack` builds it, so a package
      // without its build can never be published again.
      await rm(path.join(root, "dist"), { recursive: true, force: true });
      const packed = await run("npm", ["pack", "--pack-destination", work], { cwd: root, timeoutMs: 2 * MINUTE });
      if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
      const tarballs = (await readdir(work)).filter((file) => file.endsWith(".tgz"));
      if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.length} tarballs in ${work}`);
      tarball = path.join(work, tarballs[0]);
      const listed = await run("tar", ["-tzf", tarball], { cwd: work, timeoutMs: MINUTE });
      if (!/^package\/dist\/index\.js$/m.test(listed.output)) throw new Error("npm pack shipped no dist/: prepack did not build");
      console.log(`packed ${tarballs[0]} (${(packed.ms / 1000).toFixed(1)} s)`);
    }
    console.log(`apps in ${work}`);

    const results = [];
    const only = process.env.CONSUMERS_ONLY?.split(",");
    const apps = only ? APPS.filter((spec) => only.includes(spec.name)) : APPS;
    await Promise.all(
      apps.map(async (spec) => {
        const app = { ...spec, dir: path.join(work, spec.name) };
        const result = { name: app.name, ms: {}, failures: [], install: "-", typecheck: "-", build: "-", ssr: spec.template === "next" ? "-" : "n/a", browser: "-" };
        results.push(result);
        for (const file of app.from?.files ?? []) {
          await mkdir(app.dir, { recursive: true });
          await copyFile(path.join(root, "consumers", app.from.template, file), path.join(app.dir, file));
        }
        await cp(path.join(root, "consumers", app.template), app.dir, { recursive: true });
        // The source and "edited" videos, served by the app itself from public/.
        await mkdir(path.join(app.dir, "public/samples"), { recursive: true });
        for (const sample of ["source.mp4", "edited.mp4"]) {
          await copyFile(path.join(root, "public/samples", sample), path.join(app.dir, "public/samples", sample));
        }
        const manifest = {
          name: `consumer-${app.name}`,
          private: true,
          type: "module",
          dependencies: { "react-kling-edit": `file:${tarball}`, ...app.dependencies },
        };
        await writeFile(path.join(app.dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
        if (!(await install(app, result))) return;
        console.log(`${app.name}: installed in ${result.installS} s`);
        await (app.template === "next" ? nextApp(app, result) : viteApp(app, result));
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
