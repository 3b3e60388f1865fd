// The steps of one consumer app: install the packed library, type-check, build, serve the
// build on loopback and run its browser scenario. Each step is recorded for the summary table.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { browserEdit } from "./browser.mjs";
import { badLines, freePort, MINUTE, run, start, waitForHttp } from "./process.mjs";

const NODE = process.execPath;
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
    return record(
      result,
      step,
      false,
      `exit ${outcome.code}\n${outcome.output.trim().split("\n").slice(-40).join("\n")}`,
    );
  }
  if (bad.length) return record(result, step, false, `warnings a consumer would see:\n  ${bad.join("\n  ")}`);
  return record(result, step, true);
}

export async function install(app, result) {
  const outcome = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn"], {
    cwd: app.dir,
    env: { NO_UPDATE_NOTIFIER: "1" },
    timeoutMs: 8 * MINUTE,
    logFile: path.join(app.dir, "install.log"),
  });
  result.ms.install = outcome.ms;
  result.installS = (outcome.ms / 1000).toFixed(0);
  if (outcome.code !== 0)
    return record(result, "install", false, `npm install exit ${outcome.code}\n${outcome.output}`);
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

export async function viteApp(app, result) {
  const vite = bin(app.dir, "vite/bin/vite.js");
  if (!(await tsc(app, result))) return;
  if (!(await tool(app, result, "build", [vite, "build", "--logLevel", "warn"], 4 * MINUTE))) return;
  // `vite preview` serves the build, with the proxy mounted by the app's vite.config.ts.
  await serve(app, result, (port) => [vite, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"]);
}

export async function nextApp(app, result) {
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
      if (refused.status < 400 || refused.status >= 500)
        problems.push(`proxy: an unknown route answered ${refused.status}`);
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

export const serverLogErrors = (log) =>
  log.split("\n").filter((line) => /error|warn|⨯|unhandled|exception/i.test(line) || badLines(line).length);
