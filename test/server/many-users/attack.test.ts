// Many generated requests against the routes of many users: whatever the path, method, query
// or caller, the upstream only ever sees a submit by a signed-in user or a status read of a job
// the caller owns.
import { expect, test } from "vitest";
import { createMemoryStore } from "../../../src/server";
import { BASE, RUN, VALID_INPUT } from "../support";
import { instances, jobIdOf } from "./support";

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test("3,000 generated requests: nothing reaches the upstream that should not", async () => {
  const app = instances([createMemoryStore()]);
  const alice = await jobIdOf(await app.submit("alice"));
  const bob = await jobIdOf(await app.submit("bob"));
  const owner: Record<string, string> = { [alice]: "alice", [bob]: "bob" };
  const random = seeded(20261201);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const jobs = [alice, bob, "job_unknown", alice.toUpperCase(), `${alice}%00`, `${bob}/../${alice}`, "a".repeat(129)];
  const paths = [
    RUN,
    `${RUN}/`,
    `${BASE}/jobs`,
    `${BASE}/jobs/`,
    `${BASE}//jobs`,
    `${BASE}/jobs?cursor=1.${bob}`,
    `${BASE}/JOBS/${alice}`,
    `${BASE}/webhooks/${"a".repeat(43)}`,
    `${BASE}/uploads`,
    `${BASE}/models/kling-video-edit/run/..%2f..%2fjobs`,
    ...jobs.flatMap((job) => [
      `${BASE}/jobs/${job}`,
      `${BASE}/jobs/${job}/events`,
      `${BASE}/jobs/${job}?x=1`,
      `${BASE}/jobs/${encodeURIComponent(job)}`,
      `${BASE}/jobs/${job}/`,
      `${BASE}/jobs/%2e%2e/${job}`,
      `${BASE}/jobs/${job}/../${job}`,
    ]),
    // Weighted, so that reads a caller may make come up often enough to be proved.
    ...Array.from({ length: 10 }, () => [`${BASE}/jobs/${alice}`, `${BASE}/jobs/${bob}`, RUN]).flat(),
  ];
  const methods = ["GET", "POST", "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"];
  const users = ["alice", "bob", "mallory", undefined];
  const bodies = [
    JSON.stringify(VALID_INPUT),
    JSON.stringify(VALID_INPUT),
    "{}",
    "not json",
    JSON.stringify({ ...VALID_INPUT, video_duration: 60 }),
  ];

  const wrong: string[] = [];
  for (let i = 0; i < 3_000; i++) {
    const method = pick(methods);
    const path = pick(paths);
    const user = pick(users);
    const body = method === "GET" || method === "HEAD" ? undefined : pick(bodies);
    const before = app.fake.requests.length;
    const response = await app.call(user, path, {
      method,
      body,
      headers: body ? { "content-type": "application/json" } : {},
    });
    for (const upstream of app.fake.requests.slice(before)) {
      const ownRead = upstream.method === "GET" && owner[upstream.path.slice("/jobs/".length)] === user;
      const submit =
        upstream.method === "POST" && upstream.path === "/models/kling-video-edit/run" && user !== undefined;
      if (!ownRead && !submit)
        wrong.push(`${method} ${path} as ${user ?? "anonymous"} -> upstream ${upstream.method} ${upstream.path}`);
    }
    // Only OPTIONS and the public "does this proxy take uploads" answer anonymous callers.
    const isUploadsQuestion = (method === "GET" || method === "HEAD") && path === `${BASE}/uploads`;
    if (user === undefined && response.status < 400 && method !== "OPTIONS" && !isUploadsQuestion)
      wrong.push(`${method} ${path} answered ${response.status} to an anonymous caller`);
  }
  expect(wrong).toEqual([]);
  // The suite did exercise the routes that do forward.
  expect(app.fake.requests.filter((request) => request.method === "GET").length).toBeGreaterThan(20);
  expect(app.fake.requests.filter((request) => request.method === "POST").length).toBeGreaterThan(20);
});
