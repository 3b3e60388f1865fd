// A real redis-server the test can SIGKILL and start again on the same port: empty (the
// default), or with what its append-only file kept (`appendonly`, as production runs it).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, REDIS_SERVER, redisStarted } from "./redis";

export interface RestartableRedis {
  url: string;
  port: number;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRestartableRedis({
  appendonly = false,
  fsync = "always",
}: { appendonly?: boolean; fsync?: "always" | "everysec" } = {}): Promise<RestartableRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "kling-redis-"));
  let child: ChildProcess | undefined;
  const start = () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir];
    args.push(...(appendonly ? ["--appendonly", "yes", "--appendfsync", fsync] : ["--appendonly", "no"]));
    child = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
    return redisStarted(child);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    running.kill("SIGKILL");
    await new Promise((resolve) => running.once("exit", resolve));
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
