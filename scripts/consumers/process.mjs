// Child processes for the consumer apps: started in their own process group, bounded in time,
// output collected and checked for lines that mean a packaging problem.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";

export const MINUTE = 60_000;

// Lines of build output that mean a consumer would see a packaging problem. Kept narrow so that
// ordinary output never matches; every match is printed and fails the app.
export const BAD_OUTPUT = [
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
export const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, "");
export const badLines = (output) =>
  stripAnsi(output)
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => BAD_OUTPUT.some((pattern) => pattern.test(line)));

export const running = new Set();

/** Kills a child and everything it started (it leads its own process group). */
export function killTree(child, signal = "SIGTERM") {
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
export function start(command, args, { cwd, env }) {
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
export async function run(command, args, { cwd, env, timeoutMs, logFile }) {
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

export function freePort() {
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
export async function waitForHttp(url, server, timeoutMs) {
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
