// A proxy instance in a child process of its own (Node 24, type stripping), for the tests that
// SIGKILL one: `script` prints {"port":N} once it listens.
import { spawn, type ChildProcess } from "node:child_process";

export interface InstanceProcess {
  origin: string;
  child: ChildProcess;
}

/** Starts `script` with `env` (and `NAME`); the child is added to `children`, for the test to kill after. */
export function startInstanceProcess(
  script: string,
  name: string,
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<InstanceProcess> {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", script], {
    env: { ...process.env, ...env, NAME: name },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`instance ${name} did not start:\n${output}`)), 20_000);
    // Kept short: an instance that logs every event would otherwise grow this without bound.
    child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk).slice(-4_000)));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      const port = /\{"port":(\d+)\}/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ origin: `http://127.0.0.1:${port}`, child });
      }
    });
    child.once("exit", (code) => reject(new Error(`instance ${name} exited (${code}):\n${output}`)));
  });
}
