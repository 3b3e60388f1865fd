import { describe, expect, it } from "vitest";
import { refuseUncarriable, type UncarriableRefusal } from "../../src/server/routes";
import { BASE, harness, ORIGIN, RUN } from "./support";

const uploads = {
  presign: async () => ({
    uploadUrl: "https://s3.example/put",
    method: "PUT" as const,
    headers: {},
    url: "https://s3.example/get",
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  }),
};
const webhooks = { publicUrl: `${ORIGIN}${BASE}` };
const TOKEN = "a".repeat(43);

/** Every path of the table, with the Allow its routes give. */
const PATHS = [
  [RUN, "POST, OPTIONS"],
  [`${BASE}/jobs`, "GET, HEAD, OPTIONS"],
  [`${BASE}/jobs/job_1`, "GET, HEAD, OPTIONS"],
  [`${BASE}/jobs/job_1/events`, "GET, HEAD, OPTIONS"],
  [`${BASE}/uploads`, "GET, HEAD, POST, OPTIONS"],
  [`${BASE}/webhooks/${TOKEN}`, "POST, OPTIONS"],
] as const;

describe("the route table", () => {
  const h = harness({ uploads, webhooks });
  const uncarriable = (h.proxy as unknown as Record<symbol, UncarriableRefusal>)[refuseUncarriable]!;

  it.each(PATHS)("%s: OPTIONS answers the Allow of its routes", async (path, allow) => {
    const answer = await h.call(path, { method: "OPTIONS" });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("allow")).toBe(allow);
  });

  it.each(PATHS)("%s: a method no route serves is 405 with the Allow, never 500", async (path, allow) => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const answer = await h.call(path, { method });
      expect([method, answer.status, answer.headers.get("allow")]).toEqual([method, 405, allow]);
    }
    // TRACE and CONNECT cannot be a `Request`: the Node adapter asks for this refusal instead.
    for (const method of ["TRACE", "CONNECT", "TRACK"]) {
      const answer = await uncarriable(new URL(ORIGIN + path), method);
      expect([method, answer.status, answer.headers.get("allow")]).toEqual([method, 405, allow]);
    }
  });

  it("a route that is off: events 405 with an empty Allow, uploads 404 on POST only, webhooks an unknown path", async () => {
    const off = harness({ push: false });
    const events = await off.call(`${BASE}/jobs/job_1/events`, { method: "OPTIONS" });
    expect([events.status, events.headers.get("allow")]).toEqual([405, ""]);
    expect((await off.call(`${BASE}/uploads`, { method: "POST", body: "{}" })).status).toBe(404);
    expect(await (await off.call(`${BASE}/uploads`)).json()).toEqual({ uploads: false });
    expect((await off.call(`${BASE}/uploads`, { method: "OPTIONS" })).headers.get("allow")).toBe(
      "GET, HEAD, POST, OPTIONS",
    );
    expect((await off.call(`${BASE}/webhooks/${TOKEN}`, { method: "POST" })).status).toBe(404);
    expect((await (await off.call(`${BASE}/webhooks/${TOKEN}`, { method: "POST" })).json()).error.message).toMatch(
      /^Not found\. This proxy serves/,
    );
  });
});
