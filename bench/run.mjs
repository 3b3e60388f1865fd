// `npm run bench`: every figure of the benchmark report, measured in one run and printed as
// Markdown tables (figures, not assertions). The same report goes to bench/results/report.md.
// Builds dist/ first when it is missing or older than src/. Exits non-zero only when a
// measurement could not run; whatever did run is still reported.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { measureSizes, SIZES_METHOD, SIZES_TITLE } from "./sizes.mjs";

const root = new URL("..", import.meta.url).pathname;
const results = join(root, "bench/results");
const started = performance.now();

if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(`Node ${process.version}: the bench needs the project's Node 24. Run it as \`npm run bench\`.`);
  process.exit(1);
}

/** Sections of the report, in order: a title, the method in one line, and the tables that belong to it. */
const sections = [
  {
    key: "sizes",
    title: "Bundle size",
    method: SIZES_METHOD,
  },
  {
    key: "polling",
    title: "Polling economy",
    method:
      "jsdom, simulated clock: one job submitted through useKlingEdit against the in-memory PixelDojo fake, status GETs counted, " +
      "the clock advanced in 100 ms steps until every observer sees `completed`; our schedule beside fixed 500 ms polling.",
    match: /^Polling/,
  },
  {
    key: "push",
    title: "Push economy",
    method:
      "jsdom, simulated clock, the real proxy in front of the in-memory PixelDojo: one 2-minute job submitted in one tab through useKlingEdit and " +
      "watched by the other tabs through useKlingJob (each tab its own provider and QueryClient); browser requests sent to the proxy, requests " +
      "that reached the upstream, and the delay from completion to every tab knowing, for polling (a proxy without push), the event stream on the " +
      "server watch, and the stream with PixelDojo webhooks. Streams: Node, one instance on the memory store, 2,000 streams held open, heap after a full GC.",
    match: /^Push/,
  },
  {
    key: "renders",
    title: "Renders",
    method:
      "React Profiler commits. Form and progress: jsdom, simulated clock, VideoEditForm and JobProgress on one useKlingEdit while a 2-minute job is polled. " +
      "Slider: real headless Chromium, VideoCompare with the sample clips, the divider dragged by mouse and moved by arrow keys through Playwright.",
    match: /^Renders/,
  },
  {
    key: "sync",
    title: "Sync drift",
    method:
      "Real headless Chromium, VideoCompare playing public/samples/source.mp4 and edited.mp4 (autoplay, loop, muted) for 10 s after 0.4 s to settle; " +
      "|edited.currentTime − original.currentTime| at every frame the edited video presents (requestVideoFrameCallback), loop wrap folded.",
    match: /^Sync/,
  },
  {
    key: "clips",
    title: "Clip preparation",
    method:
      "Real headless Chromium (Debian's, software codecs, no GPU), prepareClip on clips ffmpeg made (test/support/browser/clips/make-clips.ts): " +
      "8 s cut out of a 30 s 1080×1920 30 fps H.264/AAC MP4 (key frames every 2 s) at 5 s (exact: the video re-encoded) and at 4 s (a key frame: " +
      "packets copied), and a 5 s 1280×720 clip that fits (returned as it is); after one warm-up preparation (the chunks loaded), median of 3; " +
      "bytes of the file before and after; JS heap peak over the preparation (performance.memory with --enable-precise-memory-info; the file's " +
      "and the output's bytes are outside it). The chunks' sizes are under Bundle size.",
    match: /^Clip/,
  },
  {
    key: "proxy",
    title: "Proxy overhead",
    method:
      "Node, no network: the fake upstream's fetch called directly versus the same request through createKlingProxy in front of it " +
      "(identify, ownership, a spend limit), with the memory store and with Redis on loopback, interleaved and alternating order, " +
      "5,000 timed requests per side and case; added = proxy quantile − direct quantile. Then 5,000 submits with 32 in flight per store.",
    match: /^Proxy/,
  },
];
const tables = Object.fromEntries(sections.map((s) => [s.key, []]));
const failures = [];

const step = (message) => process.stderr.write(`bench: ${message}\n`);
// eslint-disable-next-line no-control-regex
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");

/** Runs a child process, keeps its output (also in bench/results/<name>.log), never throws. */
function run(name, command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: process.env.CI ?? "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ code: 1, output: `${output}\n${error.stack}` }));
    child.on("close", async (code) => {
      output = stripAnsi(output);
      await writeFile(join(results, `${name}.log`), output);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Files every `BENCH-JSON {...}` line of a measure's output under its section. */
function collect(output) {
  let found = 0;
  for (const line of output.split("\n")) {
    const at = line.indexOf("BENCH-JSON ");
    if (at < 0) continue;
    let table;
    try {
      table = JSON.parse(line.slice(at + "BENCH-JSON ".length));
    } catch {
      continue;
    }
    const section = sections.find((s) => s.match?.test(table.title));
    if (!section) continue;
    tables[section.key].push(table);
    found++;
  }
  return found;
}

async function measure(label, name, command, args, expected) {
  step(`${label}…`);
  const { code, output } = await run(name, command, args);
  const found = collect(output);
  if (code !== 0 || found < expected) {
    const cause = output
      .split("\n")
      .find((line) => /\b\w*Error\b:/.test(line))
      ?.trim();
    failures.push(
      `${label}: exit code ${code}, ${found} of ${expected} tables${cause ? `; first error: ${cause}` : ""} (output in bench/results/${name}.log)`,
    );
    step(`${label} could not run completely; see bench/results/${name}.log`);
  }
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

await mkdir(results, { recursive: true });

// 0. A build to measure.
const built = join(root, "dist/index.js");
if (!existsSync(built) || statSync(built).mtimeMs < newest(join(root, "src"))) {
  step(existsSync(built) ? "dist/ is older than src/, building…" : "dist/ is missing, building…");
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (build.status !== 0) {
    await writeFile(join(results, "build.log"), `${build.stdout}\n${build.stderr}`);
    failures.push("build: `npm run build` failed (output in bench/results/build.log); sizes not measured");
  }
}

// 1. Sizes.
if (existsSync(built) && !failures.length) {
  step("bundle sizes…");
  try {
    tables.sizes.push({ title: SIZES_TITLE, rows: await measureSizes() });
  } catch (error) {
    failures.push(`sizes: ${error.message}`);
  }
}

// 2–4. The vitest measures, jsdom then Chromium (one after the other: the drift wants a quiet machine).
const vitest = join(root, "node_modules/vitest/vitest.mjs");
const vitestArgs = (project) => [vitest, "run", "--config", "bench/vitest.config.ts", "--project", project];
await measure(
  "jsdom measures (polling, push, renders, upstream budget)",
  "jsdom",
  process.execPath,
  vitestArgs("bench-jsdom"),
  5,
);
await measure(
  "Chromium measures (slider renders, sync drift, clip preparation)",
  "browser",
  process.execPath,
  vitestArgs("bench-browser"),
  3,
);

// 5. Proxy, and the streams one instance holds.
await measure(
  "proxy overhead",
  "proxy",
  process.execPath,
  ["--disable-warning=ExperimentalWarning", "bench/proxy.ts"],
  2,
);
await measure(
  "proxy on a Redis Cluster",
  "proxy-cluster",
  process.execPath,
  ["--disable-warning=ExperimentalWarning", "bench/proxy-cluster.ts"],
  1,
);
await measure(
  "open streams",
  "streams",
  process.execPath,
  ["--expose-gc", "--disable-warning=ExperimentalWarning", "bench/streams.ts"],
  1,
);

// The report.
const isNumber = (value) => typeof value === "number" || /^[-+]?[\d.,]+( ?(µs|ms|s|kB|%))?$/.test(String(value));

function markdownTable(rows) {
  const header = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => header.map((key) => String(row[key] ?? "")));
  const right = header.map((_, i) => rows.every((row) => isNumber(row[header[i]])));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length), 3));
  const line = (values) =>
    `| ${values.map((v, i) => (right[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${"-".repeat(w + 1)}:` : `:${"-".repeat(w + 1)}`)).join("|")}|`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}

function commit() {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" });
  if (head.status !== 0) return "unknown";
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "src"], { cwd: root, encoding: "utf8" }).stdout.trim();
  return `${head.stdout.trim()}${dirty ? " (src/ has uncommitted changes)" : ""}`;
}

const seconds = ((performance.now() - started) / 1000).toFixed(0);
const lines = [
  "# react-kling-edit benchmark report",
  "",
  `${new Date().toISOString()} · commit ${commit()} · Node ${process.version} · ${cpus()[0]?.model ?? "CPU"} × ${availableParallelism()}, ` +
    `load average ${loadavg()[0].toFixed(1)} · ${seconds} s to measure. Figures, not assertions: timings vary with the machine.`,
];
for (const section of sections) {
  lines.push("", `## ${section.title}`, "", `*Method:* ${section.method}`);
  if (!tables[section.key].length) lines.push("", "**Not measured** (see below).");
  for (const table of tables[section.key]) {
    lines.push("", `**${table.title}**`, "", markdownTable(table.rows));
    if (table.note) lines.push("", table.note);
  }
}
if (failures.length) lines.push("", "## Could not run", "", ...failures.map((failure) => `- ${failure}`));
const report = `${lines.join("\n")}\n`;

await writeFile(join(results, "report.md"), report);
process.stdout.write(`\n${report}\nWritten to bench/results/report.md\n`);
process.exitCode = failures.length ? 1 : 0;
