// Runs before `npm test`: the system programs the tests start themselves (Debian's Chromium for
// the browser and Storybook tests, `redis-server` for the multi-instance tests, ffmpeg for the
// clips the clip tests prepare). As root it
// installs what is missing; otherwise it stops at once with the one command to run, rather
// than letting hundreds of tests fail one by one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM_PATH } from "./chromium.mjs";

const REDIS_PATH = process.env.REDIS_SERVER_PATH || "/usr/bin/redis-server";
const needs = [
  { name: "Chromium", path: CHROMIUM_PATH, packages: ["chromium", "fonts-dejavu-core"] },
  { name: "Redis", path: REDIS_PATH, packages: ["redis-server"] },
  // The clip tests' clips are made at test time (test/support/browser/clips/make-clips.ts).
  { name: "ffmpeg", path: process.env.FFMPEG_PATH || "/usr/bin/ffmpeg", packages: ["ffmpeg"] },
];

const missing = needs.filter(({ path }) => !existsSync(path));
if (missing.length === 0) process.exit(0);

const packages = missing.flatMap((need) => need.packages);
const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
const names = missing.map((need) => need.name).join(" and ");
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync("/usr/bin/apt-get");

if (!isRoot || !hasApt) {
  console.error(
    `\nThe tests need ${names} (${missing.map((need) => need.path).join(", ")}), which this machine lacks.`,
  );
  console.error(
    hasApt
      ? `Install ${missing.length > 1 ? "them" : "it"} once, then run npm test again:\n\n  sudo ${command}\n`
      : `Install ${packages.join(", ")} with your system's package manager (paths can be set with CHROMIUM_PATH and REDIS_SERVER_PATH).\n`,
  );
  process.exit(1);
}

console.log(`Installing ${names} for the tests: ${command}`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [
  ["update", "-qq"],
  ["install", "-y", "-qq", "--no-install-recommends", ...packages],
]) {
  const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
  if (result.status !== 0) {
    console.error(`apt-get ${args[0]} failed (exit ${result.status}); run it yourself:\n\n  ${command}\n`);
    process.exit(1);
  }
}
const still = missing.filter(({ path }) => !existsSync(path));
if (still.length) {
  console.error(`Installed, but ${still.map((need) => need.path).join(", ")} is still missing.`);
  process.exit(1);
}
