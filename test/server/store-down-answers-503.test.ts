// @vitest-environment node
// A store that does not answer (an outage, a failover) is a passing state: the proxy answers
// 503 with Retry-After, and the browser client treats it as worth asking again.
import { expect, test } from "vitest";
import { createKlingClient } from "../../src/core/client";
import { isKlingError } from "../../src/core/errors";
import { createKlingProxy } from "../../src/server";
import { createMemoryStore } from "../../src/server/store/memory";
import type { KlingStore } from "../../src/server/store/types";
import { createFakeKling } from "../../src/testing";

function proxyOverADeadStore() {
  const store: KlingStore = { ...createMemoryStore(), getJob: () => Promise.reject(new Error("ECONNREFUSED")) };
  const fake = createFakeKling();
  return createKlingProxy({
    apiKey: "test-key",
    fetch: fake.fetch,
    basePath: "/api/kling",
    identify: () => "ann",
    authorize: () => true,
    store,
    log: () => undefined,
  });
}

test("a status request while the store is down: 503, Retry-After 1, the store's words", async () => {
  const response = await proxyOverADeadStore()(new Request("https://app.example/api/kling/jobs/job_1"));
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("1");
  expect(await response.json()).toMatchObject({
    error: { code: "internal_error", message: "The server could not reach its store. Try again shortly." },
  });
});

test("the browser client reads it as transient (the watch asks again instead of giving up)", async () => {
  const proxy = proxyOverADeadStore();
  const client = createKlingClient({
    proxyUrl: "https://app.example/api/kling",
    fetch: (input, init) => proxy(new Request(input, init)),
  });
  const error: unknown = await client.getJob("job_1").catch((caught: unknown) => caught);
  expect(isKlingError(error) && error.status === 503 && error.isTransient).toBe(true);
});
