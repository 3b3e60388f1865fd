// `npm run test:example`: the example app (`npm run example`) in its simulated mode, end to end
// in headless Chromium: a clip dropped on the drop-in editor is uploaded to the dev server's
// in-memory bucket, its length read from the upload, the edit submitted with its URL, and the
// comparison shown; then a 30 s portrait clip is dropped, trimmed to 10 s in the page (the real
// clip engine, WebCodecs), uploaded, edited and compared. Starts Vite itself on a free loopback
// port and stops it after. KLING_EXAMPLE_SCREENSHOTS=<dir> saves what the page showed.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { chromium } from "playwright";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.mjs";

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const origin = `http://127.0.0.1:${port}`;
// The simulated mode: no key, no bucket variables, whatever the caller's environment holds.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith("PIXELDOJO_") && !name.startsWith("KLING_S3_")),
);
const vite = spawn(
  process.execPath,
  [
    "node_modules/vite/bin/vite.js",
    "--config",
    "examples/app/vite.config.ts",
    "--configLoader",
    "runner",
    "--port",
    String(port),
    "--strictPort",
  ],
  {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  },
);
let output = "";
vite.stdout.on("data", (chunk) => (output += chunk));
vite.stderr.on("data", (chunk) => (output += chunk));
const stop = () => {
  try {
    process.kill(-vite.pid, "SIGTERM");
  } catch {
    // already gone
  }
};

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (vite.exitCode !== null) throw new Error(`vite exited (${vite.exitCode}):\n${output}`);
    try {
      if ((await fetch(origin)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite did not answer within 60 s:\n${output}`);
}

/** Drops a file of the repository on a drop zone, as a person drags one from their disk. */
async function drop(page, zone, path, name) {
  const base64 = (await readFile(path)).toString("base64");
  const dropped = await page.evaluateHandle(
    ([data, fileName]) => {
      const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type: "video/mp4" }));
      return transfer;
    },
    [base64, name],
  );
  await zone.dispatchEvent("dragover", { dataTransfer: dropped });
  await zone.dispatchEvent("drop", { dataTransfer: dropped });
}

/** Saves a screenshot when KLING_EXAMPLE_SCREENSHOTS names a folder. */
async function shot(page, name) {
  const folder = process.env.KLING_EXAMPLE_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}

let failed = false;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await waitForServer();
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
  // Nothing may leave this machine in the simulated mode.
  await page.route("**/*", (route) =>
    route.request().url().startsWith(origin)
      ? route.continue()
      : (problems.push(`blocked ${route.request().url()}`), route.abort()),
  );
  const started = Date.now();
  await page.goto(origin);
  await page.getByLabel("What to change").fill("Make it snow");
  await page.getByLabel("Source video URL").fill("");
  // The upload zone appears once the proxy says it takes uploads; the clip is dropped on it.
  const zone = page.locator(".kling-form__upload").first();
  await zone.waitFor({ timeout: 30_000 });
  await drop(page, zone, "public/samples/source.mp4", "holiday.mp4");
  // The URL of the uploaded file fills the form, and its length is read from it.
  await page.waitForFunction(() => /\/__storage\//.test(document.querySelector("input[type=url]")?.value ?? ""), null, {
    timeout: 30_000,
  });
  await page.waitForFunction(() => document.querySelector("input[type=number]")?.value === "4", null, {
    timeout: 15_000,
  });
  const videoUrl = await page.locator("input[type=url]").first().inputValue();
  await page.getByRole("button", { name: "Start edit" }).click();
  await page.getByRole("slider", { name: /comparison divider/i }).waitFor({ timeout: 60_000 });
  const before = await page.$eval(".kling-compare video", (video) => video.getAttribute("src"));
  if (before !== videoUrl) throw new Error(`the comparison's original is ${before}, not the uploaded ${videoUrl}`);
  if (problems.length) throw new Error(problems.join("\n"));
  console.log(
    `Example app: a dropped clip was uploaded (${new URL(videoUrl).pathname}) and edited to the comparison in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );

  // A phone's clip: 30 s, portrait. The trimmer opens on its first 10 s; moved to 0:05-0:15 by
  // keyboard; only that part is cut, uploaded and edited.
  const second = Date.now();
  await page.getByRole("button", { name: "New edit" }).click();
  await page.getByLabel("What to change").fill("Make it snow");
  await drop(page, page.locator(".kling-form__upload").first(), "public/samples/long-portrait.mp4", "IMG_0420.mp4");
  const selection = page.getByRole("slider", { name: "Selection" });
  await selection.waitFor({ timeout: 30_000 });
  const endText = await page.getByRole("slider", { name: "End" }).getAttribute("aria-valuetext");
  if (endText !== "End 0:10.0 (10 s selected)") throw new Error(`the trimmer opened with ${endText}`);
  await selection.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("PageUp");
  const chosen = await selection.getAttribute("aria-valuetext");
  if (chosen !== "0:05.0 to 0:15.0") throw new Error(`the selection is ${chosen} after five PageUp`);
  await page.waitForFunction(() => document.querySelectorAll(".kling-trimmer__frame img").length > 0, null, {
    timeout: 15_000,
  });
  await shot(page, "trimmer");
  await page.getByRole("button", { name: "Use this part" }).click();
  await page.waitForFunction(() => /\/__storage\//.test(document.querySelector("input[type=url]")?.value ?? ""), null, {
    timeout: 60_000,
  });
  await page.waitForFunction(() => document.querySelector("input[type=number]")?.value === "10", null, {
    timeout: 15_000,
  });
  const trimmedUrl = await page.locator("input[type=url]").first().inputValue();
  // What went up is the 10 s part: a third of the clip, give or take its key frames.
  const uploadedBytes = await page.evaluate(
    async (url) => (await (await fetch(url)).arrayBuffer()).byteLength,
    trimmedUrl,
  );
  const originalBytes = (await readFile("public/samples/long-portrait.mp4")).byteLength;
  if (!(uploadedBytes < originalBytes * 0.6))
    throw new Error(`the upload is ${uploadedBytes} bytes of the clip's ${originalBytes}: not the trimmed part`);
  await shot(page, "trimmed");
  await page.getByRole("button", { name: "Start edit" }).click();
  await page.getByRole("slider", { name: /comparison divider/i }).waitFor({ timeout: 60_000 });
  const original = await page.$eval(".kling-compare video", (video) => video.getAttribute("src"));
  if (original !== trimmedUrl)
    throw new Error(`the comparison's original is ${original}, not the trimmed upload ${trimmedUrl}`);
  await shot(page, "compared");
  if (problems.length) throw new Error(problems.join("\n"));
  console.log(
    `Example app: a 30 s portrait clip was trimmed to 10 s (${uploadedBytes} of ${originalBytes} bytes uploaded), edited and compared in ${((Date.now() - second) / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  failed = true;
  console.error(`Example app check failed: ${error.message}`);
} finally {
  await browser.close();
  stop();
}
process.exit(failed ? 1 : 0);
