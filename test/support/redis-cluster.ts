// A real Redis Cluster for the tests that claim cluster behaviour: six Debian redis-server
// processes (3 primaries, 3 replicas) on free loopback ports, joined by `redis-cli --cluster
// create`, nothing saved to disk, each stopped by its PID after. A short node timeout makes a
// replica take over within a few seconds of its primary's death.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient, createCluster } from "redis";
import { REDIS_SERVER, redisStarted } from "./redis";

const REDIS_CLI = process.env.REDIS_CLI_PATH || "/usr/bin/redis-cli";
const run = promisify(execFile);

const clusterFor = (port: number) =>
  createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${port}` }], defaults: { socket: { connectTimeout: 2_000 } } });
export type TestClusterClient = ReturnType<typeof clusterFor>;
const nodeFor = (port: number) => createClient({ url: `redis://127.0.0.1:${port}` });

export interface TestCluster {
  ports: number[];
  /** A new connected cluster client (closed by `stop`). */
  connect(): Promise<TestClusterClient>;
  /** The port of the primary that serves `key` now. */
  primaryOf(key: string): Promise<number>;
  /** Resolves once every replica of the primary on `port` has all of its writes (so a test knows what a failover keeps). */
  synced(port: number): Promise<void>;
  /** SIGKILLs the node on `port`. */
  kill(port: number): void;
  /** Resolves once every live node says `cluster_state:ok` and `port` no longer serves as a primary. */
  promoted(deadPort: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });

/** A port whose cluster bus port (+10000) is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 25_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await canListen(port)) && (await canListen(port + 10_000))) {
      taken.add(port).add(port + 10_000);
      return port;
    }
  }
}

const cli = async (port: number, ...args: string[]) =>
  (await run(REDIS_CLI, ["-h", "127.0.0.1", "-p", String(port), ...args])).stdout;

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const start = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedisCluster({
  nodeTimeoutMs = 1_000,
}: { nodeTimeoutMs?: number } = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), "kling-cluster-"));
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < 6; i++) ports.push(await freeClusterPort(taken));
  const children = new Map<number, ChildProcess>();
  const clients: TestClusterClient[] = [];
  let admin: { port: number; client: ReturnType<typeof nodeFor> } | undefined;
  const stop = async () => {
    for (const client of clients) client.destroy();
    admin?.client.destroy();
    await Promise.all(
      [...children.values()].map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        child.kill("SIGKILL");
        return new Promise((resolve) => child.once("exit", resolve));
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(
      ports.map((port) => {
        const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
        args.push(
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          join(dir, `nodes-${port}.conf`),
          "--cluster-node-timeout",
          String(nodeTimeoutMs),
        );
        const child = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
        children.set(port, child);
        return redisStarted(child);
      }),
    );
    await run(REDIS_CLI, [
      "--cluster",
      "create",
      ...ports.map((port) => `127.0.0.1:${port}`),
      "--cluster-replicas",
      "1",
      "--cluster-yes",
    ]);
    const live = () =>
      ports.filter((port) => children.get(port)!.exitCode === null && children.get(port)!.signalCode === null);
    const allOk = async () =>
      (await Promise.all(live().map((port) => cli(port, "cluster", "info")))).every((info) =>
        info.includes("cluster_state:ok"),
      );
    await until(allOk, 20_000, "the cluster was not ok");
    // Every replica attached and in sync, so that a failover has someone to promote.
    const replicasSynced = async () => {
      const infos = await Promise.all(ports.map((port) => cli(port, "info", "replication")));
      return infos.filter((info) => info.includes("role:slave") && info.includes("master_link_status:up")).length === 3;
    };
    await until(replicasSynced, 20_000, "the replicas did not sync");
    return {
      ports,
      async connect() {
        const client = clusterFor(live()[0]!);
        client.on("error", () => undefined);
        await client.connect();
        clients.push(client);
        return client;
      },
      async primaryOf(key) {
        // Asked of a live node over one kept connection (a redis-cli per question is slow).
        const port = live()[0]!;
        if (admin?.port !== port) {
          admin?.client.destroy();
          const client = nodeFor(port);
          client.on("error", () => undefined);
          await client.connect();
          admin = { port, client };
        }
        const { client } = admin;
        const slot = Number(await client.sendCommand(["CLUSTER", "KEYSLOT", key]));
        const nodes = String(await client.sendCommand(["CLUSTER", "NODES"]));
        for (const line of nodes.trim().split("\n")) {
          const [, address, flags, , , , , , ...ranges] = line.split(" ");
          if (!flags!.includes("master") || flags!.includes("fail")) continue;
          for (const range of ranges) {
            const [from, to = from] = range.split("-").map(Number);
            if (slot >= from! && slot <= to!) return Number(address!.split(":")[1]!.split("@")[0]);
          }
        }
        throw new Error(`no primary serves slot ${slot}`);
      },
      async synced(port) {
        const check = async () => {
          const info = await cli(port, "info", "replication");
          const offset = /master_repl_offset:(\d+)/.exec(info)?.[1];
          const replicas = [...info.matchAll(/slave\d+:.*offset=(\d+)/g)].map((match) => match[1]);
          return replicas.length > 0 && replicas.every((one) => one === offset);
        };
        await until(check, 10_000, "the replicas did not catch up");
      },
      kill(port) {
        children.get(port)!.kill("SIGKILL");
      },
      async promoted(deadPort, timeoutMs = 20_000) {
        const check = async () => {
          if (!(await allOk())) return false;
          const nodes = await cli(live()[0]!, "cluster", "nodes");
          return !nodes
            .split("\n")
            .some((line) => line.includes(`:${deadPort}@`) && line.includes("master") && !line.includes("fail"));
        };
        await until(check, timeoutMs, "no replica took over");
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
