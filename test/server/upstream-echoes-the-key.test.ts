// @vitest-environment node
// An upstream that echoes the request, its Authorization header included, into every field of
// its 2xx answers: the key reaches no answer (submit, status, events, history) and no store
// value, on the memory store and on Redis; unreadable statuses and dates do not pass either.
import { describe, expect, test } from "vitest";
import { createKlingProxy } from "../../src/server";
import { createMemoryStore } from "../../src/server/store/memory";
import type { KlingStore } from "../../src/server/store/types";
import { redisForTests } from "../support/redis-for-tests";

const KEY = "pdj_live_0123456789abcdefSECRET";
const ORIGIN = "https://app.example";
const JOB_ID = "job_echo_1";
const redis = redisForTests();

/** Puts what it was sent (the key among it) everywhere a job answer has room for it. */
async function echoingUpstream(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const auth = new Headers(init?.headers).get("authorization") ?? "";
  const body = {
    jobId: JOB_ID,
    status: auth,
    statusUrl: `https://pixeldojo.ai/api/v1/jobs/${JOB_ID}?auth=${auth}`,
    creditCost: 40,
    expiresAt: `2099-01-01 ${auth.slice(7)}`,
    output: { video: `https://cdn.example/out.mp4?key=${auth.slice(7)}` },
    error: { message: `failed for ${auth}` },
    echo: { headers: { authorization: auth }, [auth]: [auth, { deeper: auth }] },
  };
  const status = String(input).endsWith("/run") ? 202 : 200;
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

async function everything(store: KlingStore) {
  const proxy = createKlingProxy({
    apiKey: KEY,
    basePath: "/api/kling",
    identify: () => "ann",
    authorize: () => true,
    store,
    fetch: echoingUpstream,
    log: () => undefined,
    push: { heartbeatMs: 60_000 },
  });
  const answers: string[] = [];
  const submit = await proxy(
    new Request(`${ORIGIN}/api/kling/models/kling-video-edit/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "Snow", video_url: "https://cdn.example/a.mp4", video_duration: 5 }),
    }),
  );
  answers.push(await submit.text());
  answers.push(await (await proxy(new Request(`${ORIGIN}/api/kling/jobs/${JOB_ID}`))).text());
  answers.push(await (await proxy(new Request(`${ORIGIN}/api/kling/jobs`))).text());
  const events = await proxy(new Request(`${ORIGIN}/api/kling/jobs/${JOB_ID}/events`));
  const reader = events.body!.getReader();
  let stream = "";
  while (!stream.includes("event: status")) stream += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  answers.push(stream);
  return answers;
}

function expectClean(answers: string[], stored: string[]) {
  for (const text of [...answers, ...stored]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain("0123456789abcdefSECRET");
  }
  const submit = JSON.parse(answers[0]!) as Record<string, unknown>;
  // Not a status: unknown, so still running; not an ISO date: dropped.
  expect(submit.status).toBe("unknown");
  expect(submit).not.toHaveProperty("expiresAt");
  const history = JSON.parse(answers[2]!) as { jobs: Array<{ status: string; expiresAt: string }> };
  expect(history.jobs[0]!.status).toBe("unknown");
  expect(Number.isNaN(Date.parse(history.jobs[0]!.expiresAt))).toBe(false);
}

describe("the key echoed into every field reaches no answer and no store value", () => {
  test("memory store", async () => {
    const store = createMemoryStore();
    const answers = await everything(store);
    const stored = [
      JSON.stringify(await store.getJob(JOB_ID)),
      JSON.stringify(await store.listJobs("ann", { limit: 10 })),
    ];
    expectClean(answers, stored);
  });

  test("Redis store: every key and value under the prefix", async () => {
    const [store] = await redis.stores(1);
    const answers = await everything(store!);
    const client = await redis.connect();
    const stored: string[] = [];
    for (const key of (await client.sendCommand(["KEYS", "*"])) as string[]) {
      const type = String(await client.sendCommand(["TYPE", key]));
      const read: Record<string, string[]> = {
        string: ["GET", key],
        hash: ["HGETALL", key],
        zset: ["ZRANGE", key, "0", "-1"],
        set: ["SMEMBERS", key],
        list: ["LRANGE", key, "0", "-1"],
      };
      stored.push(key, JSON.stringify(read[type] ? await client.sendCommand(read[type]!) : null));
    }
    expect(stored.join("\n")).toContain(JOB_ID);
    expectClean(answers, stored);
  });
});
