// A real Redis for the tests that claim multi-instance behaviour: Debian's redis-server on a
// free loopback port, nothing saved to disk, stopped after. (npm test installs it as root.)
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createClient } from "redis";

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH || "/usr/bin/redis-server";

const clientFor = (url: string) => createClient({ url });
export type TestRedisClient = ReturnType<typeof clientFor>;

export interface TestRedis {
  url: string;
  /** A new connected client (closed by `stop`). */
  connect(): Promise<TestRedisClient>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once a spawned redis-server accepts connections; rejects when it exits first. */
export function redisStarted(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
}

/** `port`: a given one, e.g. to start Redis again (empty) where a stopped one listened. */
export async function startRedis({ port: given }: { port?: number } = {}): Promise<TestRedis> {
  const port = given ?? (await freePort());
  const child = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await redisStarted(child);
  const url = `redis://127.0.0.1:${port}`;
  const clients: TestRedisClient[] = [];
  return {
    url,
    async connect() {
      const client = clientFor(url);
      client.on("error", () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      child.kill("SIGKILL");
      await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(undefined)));
    },
  };
}
