// Serves the built Storybook (storybook-static/) from disk on 127.0.0.1, opens the editor
// playground in headless Chromium, runs an edit to completion on the simulated backend with
// the sample clips, and saves a screenshot. Run after `npm run build-storybook`.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";

const root = "storybook-static";
if (!existsSync(join(root, "iframe.html"))) {
  console.error("storybook-static/ is missing: run `npm run build-storybook` first.");
  process.exit(1);
}
const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".mp4": "video/mp4",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  let file = join(root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) return res.writeHead(404).end();
  const size = statSync(file).size;
  const range = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? "");
  const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "accept-ranges": "bytes" };
  // Video elements ask for byte ranges.
  if (range) {
    const start = Number(range[1] || 0);
    const end = range[2] ? Number(range[2]) : size - 1;
    res.writeHead(206, {
      ...headers,
      "content-range": `bytes ${start}-${end}/${size}`,
      "content-length": end - start + 1,
    });
    return createReadStream(file, { start, end }).pipe(res);
  }
  res.writeHead(200, { ...headers, "content-length": size });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  // Nothing may leave this machine: the story runs on the simulated backend.
  await page.route("**/*", (route) =>
    route.request().url().startsWith(origin)
      ? route.continue()
      : (problems.push(`blocked ${route.request().url()}`), route.abort()),
  );
  const started = Date.now();
  await page.goto(
    `${origin}/iframe.html?id=components-klingvideoeditor--playground-on-the-simulated-backend&viewMode=story`,
  );
  const duration = page.getByLabel(/video length/i);
  await duration.waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector("input[type=number]")?.value === "4", null, {
    timeout: 15_000,
  });
  await page.getByRole("button", { name: /start edit/i }).click();
  await page.getByRole("slider", { name: /comparison divider/i }).waitFor({ timeout: 30_000 });
  // Both clips really load and play in the comparison.
  await page.waitForFunction(
    () => [...document.querySelectorAll(".kling-compare video")].every((v) => v.readyState >= 2),
    null,
    { timeout: 15_000 },
  );
  const sources = await page.$$eval(".kling-compare video", (videos) =>
    videos.map((v) => new URL(v.currentSrc).pathname),
  );
  await page.screenshot({ path: "storybook-static/playground-completed.png" });
  if (problems.length) throw new Error(problems.join("\n"));
  console.log(
    `Static Storybook: the playground completed an edit in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `comparison plays ${sources.join(" and ")}; screenshot storybook-static/playground-completed.png`,
  );
} catch (error) {
  failed = true;
  console.error(`Static Storybook check failed: ${error.message}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
