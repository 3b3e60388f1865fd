// The built server entry on every runtime it claims: Node, workerd (Miniflare), Deno and Bun each
// serve servers/app.mjs on a free loopback port; the same requests must get the same answers.
// Needs `npm run build` first. Every process started here is stopped in afterAll.
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare, supportedCompatibilityDate } from "miniflare";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkPresigned } from "../../src/testing/check-presigned";

const root = fileURLToPath(new URL("../../", import.meta.url));
const here = join(root, "test/runtimes");
const RUNTIMES = ["node", "workerd", "deno", "bun"] as const;
type RuntimeName = (typeof RUNTIMES)[number];
interface Running {
  origin: string;
  stop(): Promise<void>;
}
const running = new Map<RuntimeName, Running>();

/** Fails at once, with the fix, when dist/ is missing or older than the sources it is built from. */
async function checkBuilt() {
  let built: number;
  try {
    built = Math.min(statSync(join(root, "dist/server.js")).mtimeMs, statSync(join(root, "dist/testing.js")).mtimeMs);
  } catch {
    throw new Error("dist/ is missing: run `npm run build` before `npm run test:runtimes`.");
  }
  const sources = (await readdir(join(root, "src"), { recursive: true })).filter((file) => /\.tsx?$/.test(file));
  const newer = sources.find((file) => statSync(join(root, "src", file)).mtimeMs > built);
  if (newer)
    throw new Error(`dist/ is older than src/${newer}: run \`npm run build\` before \`npm run test:runtimes\`.`);
}

/** A child process that prints `{"port":N}` once it listens; stopped with SIGTERM (SIGKILL after 5 s). */
function startProcess(command: string, args: string[]): Promise<Running> {
  const child = spawn(command, args, {
    cwd: here,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DENO_NO_UPDATE_CHECK: "1",
      DO_NOT_TRACK: "1",
      NO_COLOR: "1",
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  let output = "";
  return new Promise((resolve, reject) => {
    const fail = (why: string) =>
      void stop().then(() => reject(new Error(`${command} ${args.join(" ")}: ${why}\n${output}`)));
    const timer = setTimeout(() => fail("did not listen within 20 s"), 20_000);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      const port = /\{"port":(\d+)\}/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ origin: `http://127.0.0.1:${port}`, stop });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(`exited with ${code}`);
    });
  });
}

async function startWorkerd(): Promise<Running> {
  const worker = new Miniflare({
    modules: true,
    scriptPath: join(here, "servers/worker.mjs"),
    modulesRoot: root,
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }],
    // workerd's newest date is older than today: the newest it supports.
    compatibilityDate: supportedCompatibilityDate,
    host: "127.0.0.1",
    port: 0,
  });
  const url = await worker.ready;
  return { origin: url.origin, stop: () => worker.dispose() };
}

const starters: Record<RuntimeName, () => Promise<Running>> = {
  node: () => startProcess(process.execPath, ["servers/node.mjs"]),
  workerd: startWorkerd,
  deno: () =>
    startProcess(join(root, "node_modules/.bin/deno"), [
      "run",
      "--no-prompt",
      "--no-config",
      "--allow-net=127.0.0.1",
      "servers/deno.mjs",
    ]),
  bun: () => startProcess(join(root, "node_modules/.bin/bun"), ["servers/bun.mjs"]),
};

beforeAll(async () => {
  await checkBuilt();
  const started = await Promise.allSettled(RUNTIMES.map(async (name) => running.set(name, await starters[name]())));
  const failure = started.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}, 60_000);

afterAll(async () => {
  await Promise.all([...running.values()].map((runtime) => runtime.stop()));
});

const SUBMIT = "/api/kling/models/kling-video-edit/run";
const VALID = { prompt: "Make it snow", video_url: "https://cdn.example/source.mp4", video_duration: 5 };
const json = { "content-type": "application/json" };
/** Over the proxy's 64 KiB, and big enough that workerd reset most answers before the fix. */
const OVERSIZED = new Uint8Array(5 * 1024 * 1024).fill(0x20);
const chunked = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.byteLength; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      controller.close();
    },
  });

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: string;
}

/** What the browser sees, with the runtime's own origin (its port) taken out. */
async function answerOf(origin: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(origin + path, { ...init, duplex: "half" } as RequestInit);
  const headers = Object.fromEntries(
    ["content-type", "cache-control", "x-content-type-options", "allow", "retry-after"].map((name) => [
      name,
      response.headers.get(name),
    ]),
  );
  // A submit's claim signs the moment the proxy accepted it (its own clock, not the fake's):
  // its shape is compared, not its bytes.
  const body = (await response.text())
    .split(origin)
    .join("{origin}")
    .replace(/"claim":"[\w-]+\.[\w-]{43}"/, '"claim":"{claim}"');
  return { status: response.status, headers, body };
}

/** The requests every runtime must answer alike, and the status each must get. */
const REQUESTS: Array<[string, number, string, (jobId: string) => RequestInit]> = [
  ["a submit", 202, SUBMIT, () => ({ method: "POST", headers: json, body: JSON.stringify(VALID) })],
  ["a status", 200, "/api/kling/jobs/{jobId}", () => ({})],
  ["an unknown path", 404, "/api/kling/nope", () => ({})],
  ["a bad job id", 404, "/api/kling/jobs/..%2f", () => ({})],
  [
    "an invalid submit",
    400,
    SUBMIT,
    () => ({ method: "POST", headers: json, body: JSON.stringify({ ...VALID, video_duration: 60 }) }),
  ],
  // Under the limit: past it, the Node adapter answers 413 before the handler looks at the type.
  [
    "a submit that is not JSON",
    415,
    SUBMIT,
    () => ({ method: "POST", headers: { "content-type": "text/plain" }, body: OVERSIZED.subarray(0, 60 * 1024) }),
  ],
  ["an oversized submit", 413, SUBMIT, () => ({ method: "POST", headers: json, body: OVERSIZED })],
  ["an oversized submit, streamed", 413, SUBMIT, () => ({ method: "POST", headers: json, body: chunked(OVERSIZED) })],
  ["a GET of the submit path", 405, SUBMIT, () => ({})],
  [
    "an upload request",
    200,
    "/api/kling/uploads",
    () => ({
      method: "POST",
      headers: json,
      body: JSON.stringify({ kind: "video", name: "../a.mp4", type: "video/mp4", size: 70995 }),
    }),
  ],
  [
    "an upload of a type the model does not take",
    400,
    "/api/kling/uploads",
    () => ({
      method: "POST",
      headers: json,
      body: JSON.stringify({ kind: "video", name: "a", type: "video/webm", size: 1 }),
    }),
  ],
  [
    "an oversized upload request",
    413,
    "/api/kling/uploads",
    () => ({ method: "POST", headers: json, body: chunked(OVERSIZED.subarray(0, 64 * 1024)) }),
  ],
];

describe("the built server entry answers alike on Node, workerd, Deno and Bun", () => {
  test("the same requests get the same answers, and the statuses the contract says", async () => {
    const answers = new Map<RuntimeName, Record<string, Answer>>();
    for (const name of RUNTIMES) {
      const { origin } = running.get(name)!;
      const seen: Record<string, Answer> = {};
      let jobId = "";
      for (const [what, , path, init] of REQUESTS) {
        seen[what] = await answerOf(origin, path.replace("{jobId}", jobId), init(jobId));
        if (what === "a submit") jobId = (JSON.parse(seen[what]!.body) as { jobId: string }).jobId;
      }
      answers.set(name, seen);
    }
    const node = answers.get("node")!;
    expect(Object.fromEntries(REQUESTS.map(([what]) => [what, node[what]!.status]))).toEqual(
      Object.fromEntries(REQUESTS.map(([what, status]) => [what, status])),
    );
    expect(JSON.parse(node["an oversized submit"]!.body)).toEqual({
      error: { code: "invalid_input", message: "The request body is larger than 65536 bytes." },
    });
    expect(JSON.parse(node["a submit"]!.body)).toMatchObject({
      status: "pending",
      statusUrl: expect.stringMatching(/^\{origin\}\/api\/kling\/jobs\//),
      claim: "{claim}",
    });
    for (const name of RUNTIMES) expect({ runtime: name, ...answers.get(name) }).toEqual({ runtime: name, ...node });
  });

  // Answering while the client still sends, then closing with bytes unread, resets the
  // connection: before the drain, workerd lost most of these answers and Node many.
  test.each([
    ["workerd", 30],
    ["node", 10],
    ["deno", 10],
    ["bun", 10],
  ] as const)("%s answers an oversized submit with its 413, run after run (%i runs)", async (name, runs) => {
    const { origin } = running.get(name)!;
    const outcomes: string[] = [];
    const deadline = Date.now() + 20_000;
    for (let run = 0; run < runs && Date.now() < deadline; run++) {
      const body = run % 2 ? chunked(OVERSIZED) : OVERSIZED;
      try {
        const answer = await answerOf(origin, SUBMIT, { method: "POST", headers: json, body });
        outcomes.push(`${answer.status} ${(JSON.parse(answer.body) as { error: { code: string } }).error.code}`);
      } catch (error) {
        outcomes.push(String((error as { cause?: { code?: string } }).cause?.code ?? error));
      }
    }
    expect(outcomes).toEqual(Array(runs).fill("413 invalid_input"));
  });

  // Early refusals with a big body nobody reads: answered, never reset. (Node's adapter counts
  // the body itself and may say 413 where the others route first and say 404.)
  test.each(RUNTIMES)("%s answers early refusals of big bodies instead of resetting the connection", async (name) => {
    const { origin } = running.get(name)!;
    const outcomes: string[] = [];
    for (const path of ["/api/kling/nope", "/api/kling/jobs/..%2f", "/elsewhere"]) {
      for (const body of [OVERSIZED, chunked(OVERSIZED)]) {
        try {
          outcomes.push(String((await answerOf(origin, path, { method: "POST", headers: json, body })).status));
        } catch (error) {
          outcomes.push(String((error as { cause?: { code?: string } }).cause?.code ?? error));
        }
      }
    }
    expect(
      outcomes.every((outcome) => outcome === "404" || outcome === "413"),
      outcomes.join(", "),
    ).toBe(true);
  });

  test.each(RUNTIMES)("%s serves the event stream as a stream: bytes at once, then the job's status", async (name) => {
    const { origin } = running.get(name)!;
    const submitted = await fetch(`${origin}/api/kling-push/models/kling-video-edit/run`, {
      method: "POST",
      headers: json,
      body: JSON.stringify(VALID),
    });
    const { jobId } = (await submitted.json()) as { jobId: string };
    const response = await fetch(`${origin}/api/kling-push/jobs/${jobId}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    let text = "";
    const deadline = Date.now() + 10_000;
    while (!text.includes("event: status") && Date.now() < deadline)
      text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/^retry: 3000\n: open\n\n/);
    expect(text).toContain(`"jobId":"${jobId}"`);
    expect(text).toContain('"status":"pending"');
  });

  test("s3Uploads signs byte-identical tickets everywhere for a fixed clock and random source, and they verify", async () => {
    const tables = await Promise.all(
      RUNTIMES.map(async (name) => (await fetch(`${running.get(name)!.origin}/presign-table`)).text()),
    );
    for (const [index, name] of RUNTIMES.entries())
      expect({ runtime: name, table: tables[index] }).toEqual({ runtime: name, table: tables[0] });
    const rows = JSON.parse(tables[0]!) as Array<{
      uploadUrl?: string;
      headers?: Record<string, string>;
      url?: string;
    }>;
    const tickets = rows.filter((row) => row.uploadUrl);
    expect(tickets.length).toBe(12);
    // Not only alike, but right: each PUT verifies under the secret the app signed with.
    const credentials = { accessKeyId: "AKIARUNTIME", secretAccessKey: "runtime/secret+KEY=", service: "s3" };
    for (const ticket of tickets) {
      const url = new URL(ticket.uploadUrl!);
      const region = url.searchParams.get("X-Amz-Credential")!.split("/")[2]!;
      const size = ticket.headers!["content-type"] === "video/mp4" ? "70995" : "1";
      const headers: Record<string, string> = { ...ticket.headers, "content-length": size };
      const refusal = await checkPresigned(
        { ...credentials, region },
        { method: "PUT", url: url.href, header: (name) => headers[name] ?? null, now: Date.UTC(2026, 0, 2, 3, 5) },
      );
      expect(refusal).toBeUndefined();
    }
  });
});
