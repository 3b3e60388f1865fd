// The server entries' declarations as a Node-only app compiles them: `lib: ["ES2023"]`,
// `types: ["node"]`, `skipLibCheck: false`, with each module resolution a server app uses. A
// DOM-only name (`HeadersInit`, `RequestInfo`, `HTMLElement`…) anywhere the server entries
// reach, their shared chunks included, fails it. Runs on the built `dist/` (`npm run build`
// first), as an installed package: `node scripts/check-server-types.mjs [distDir]`.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dist = resolve(process.argv[2] ?? join(root, "dist"));
const tsc = join(root, "node_modules/typescript/bin/tsc");

// A consumer that uses the entries the way the README's server recipes do.
const consumer = (from) => `
import { createKlingProxy, s3Uploads, toNodeHandler, type KlingProxyOptions } from "${from}/server";
import { createRedisStore } from "${from}/server/redis";

declare const redis: Parameters<typeof createRedisStore>[0];
const options: KlingProxyOptions = {
  identify: (request) => request.headers.get("x-user"),
  authorize: () => true,
  store: createRedisStore(redis),
  uploads: s3Uploads({ bucket: "b", region: "eu-west-1", accessKeyId: "a", secretAccessKey: "s" }),
};
export const handler = toNodeHandler(createKlingProxy(options));
`;

/** Module settings a Node server app may use, and the consumer file each compiles. */
const setups = [
  {
    name: "node16, ES module",
    compilerOptions: { module: "node16", moduleResolution: "node16" },
    file: "consumer.mts",
  },
  { name: "node16, CommonJS", compilerOptions: { module: "node16", moduleResolution: "node16" }, file: "consumer.cts" },
  { name: "bundler", compilerOptions: { module: "esnext", moduleResolution: "bundler" }, file: "consumer.ts" },
];

const work = mkdtempSync(join(tmpdir(), "kling-server-types-"));
const failures = [];
try {
  // The package as an app installs it: its package.json (exports) and the built files.
  const installed = join(work, "node_modules/react-kling-edit");
  mkdirSync(installed, { recursive: true });
  copyFileSync(join(root, "package.json"), join(installed, "package.json"));
  symlinkSync(dist, join(installed, "dist"), "dir");
  // Its dependencies (redis's types) and @types/node, from the project.
  for (const dependency of ["redis", "@redis", "@types"])
    symlinkSync(join(root, "node_modules", dependency), join(work, "node_modules", dependency), "dir");

  for (const setup of setups) {
    const dir = join(work, setup.file.replace(".", "-"));
    mkdirSync(dir);
    writeFileSync(join(dir, setup.file), consumer("react-kling-edit"));
    const compilerOptions = {
      target: "es2022",
      lib: ["ES2023"],
      types: ["node"],
      skipLibCheck: false,
      strict: true,
      noEmit: true,
      ...setup.compilerOptions,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [setup.file] }, null, 2));
    const run = spawnSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
    if (run.status !== 0)
      failures.push(`${setup.name}:\n${(run.stdout + run.stderr).replaceAll(work, "<consumer>").trim()}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.error(
    `The server entries' types need more than Node's (lib ES2023, @types/node, skipLibCheck false):\n\n${failures.join("\n\n")}`,
  );
  process.exit(1);
}
console.log(`Server types compile Node-only (${setups.map((setup) => setup.name).join("; ")}).`);
