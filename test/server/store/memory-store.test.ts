// @vitest-environment node
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { createMemoryStore } from "../../../src/server";
import { jobRecord, storeContract } from "./store-contract";

storeContract("memory store", {
  async open() {
    const store = createMemoryStore();
    return [store, store];
  },
});

describe("memory store: what it forgets", () => {
  test("a job is gone once it expires, with its token and its history entry", async () => {
    let now = Date.parse("2026-12-01T10:00:00Z");
    const store = createMemoryStore({ now: () => now });
    const record = jobRecord({ expiresAt: new Date(now + 60_000).toISOString(), webhookToken: "e".repeat(43) });
    await store.createJob(record);
    now += 59_999;
    expect(await store.getJob(record.jobId)).toBeDefined();
    now += 1;
    expect(await store.getJob(record.jobId)).toBeUndefined();
    expect(await store.findJobByWebhookToken("e".repeat(43))).toBeUndefined();
    expect(await store.listJobs(record.owner, { limit: 10 })).toEqual([]);
  });

  test("a lease lapses after its time, and another holder may take it", async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    expect(await store.acquireLease("watch:job_1", "a", 1_000)).toBe(true);
    now = 999;
    expect(await store.acquireLease("watch:job_1", "b", 1_000)).toBe(false);
    now = 1_000;
    expect(await store.acquireLease("watch:job_1", "b", 1_000)).toBe(true);
  });

  test("what a caller gets is a copy: changing it changes nothing stored", async () => {
    const store = createMemoryStore();
    const record = jobRecord();
    await store.createJob(record);
    record.status = "completed";
    const read = (await store.getJob(record.jobId))!;
    read.owner = "intruder";
    expect(await store.getJob(record.jobId)).toMatchObject({ status: "pending", owner: "user-a" });
  });
});

describe("memory store: a long run", () => {
  test("users who came once and left hold nothing once their jobs expired and their spend left its window", async () => {
    const script = fileURLToPath(new URL("./processes/memory-growth.ts", import.meta.url));
    const child = spawn(process.execPath, ["--expose-gc", "--disable-warning=ExperimentalWarning", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code, output).toBe(0);
    const { bytesPerUser } = JSON.parse(output) as { bytesPerUser: number };
    // Without the sweep, each such user kept a spend account and an empty history index (some 300 bytes).
    expect(bytesPerUser).toBeLessThan(30);
  }, 60_000);
});
