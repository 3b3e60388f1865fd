// The browser side of a consumer app: headless Chromium on the app's served build, every request
// kept on loopback, console and HTTP errors collected; the app's own scenario does the clicking
// (scripts/consumers/scenarios/<name>.mjs).
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../chromium.mjs";

const SCENARIOS = {
  editor: () => import("./scenarios/editor.mjs"),
  headless: () => import("./scenarios/headless.mjs"),
  upload: () => import("./scenarios/upload.mjs"),
};

/** Runs the app's scenario; answers what went wrong and a one-line summary. */
export async function browserEdit(origin, app) {
  const { chromium } = await import("playwright-core"); // the repo's, not the throwaway app's
  const scenario = await SCENARIOS[app.scenario]();
  const problems = [];
  const consoleErrors = []; // fail the run
  const consoleNotes = []; // printed when something else failed
  const offLoopback = [];
  const calls = { submits: 0, polls: 0 };
  let summary = "";
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
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
      if (response.status() >= 400)
        consoleNotes.push(`[http ${response.status()}] ${response.request().method()} ${response.url()}`);
    });

    /** Runs one named step; a failure is recorded with where the editor stood. */
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
        problems.push(
          `${what}: ${error.message.split("\n")[0]} (editor step ${state.step}, alerts ${JSON.stringify(state.alerts)})`,
        );
        return false;
      }
    };

    summary = await scenario.run({ page, origin, app, step, calls, problems });
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
  return { problems, summary: summary ?? "" };
}
