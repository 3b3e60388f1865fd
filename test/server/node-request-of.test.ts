// @vitest-environment node
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { createKlingProxy, nodeRequestOf, toNodeHandler } from "../../src/server";
import { createFakeKling } from "../../src/testing";
import { BASE, KEY, RUN, VALID_INPUT } from "./support";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

interface AppRequest {
  user?: { id: string; plan: string };
}

describe("authorize sees what the app's Express middleware knows", () => {
  test("nodeRequestOf gives authorize the Express request, with req.user", async () => {
    const fake = createFakeKling({ apiKey: KEY });
    const proxy = createKlingProxy({
      identify: () => "user-a",
      apiKey: KEY,
      fetch: fake.fetch,
      basePath: BASE,
      log: () => undefined,
      authorize: (request) => (nodeRequestOf(request) as AppRequest | undefined)?.user?.plan === "pro",
    });
    const app = express();
    // The app's own session middleware, standing in for passport or express-session.
    app.use((req, _res, next) => {
      const plan = req.headers["x-test-plan"];
      if (typeof plan === "string") (req as AppRequest).user = { id: "u1", plan };
      next();
    });
    app.use(BASE, toNodeHandler(proxy));
    const server = createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const submit = (plan?: string) =>
      fetch(origin + RUN, {
        method: "POST",
        headers: { "content-type": "application/json", ...(plan ? { "x-test-plan": plan } : {}) },
        body: JSON.stringify(VALID_INPUT),
      });

    expect((await submit("pro")).status).toBe(202);
    expect((await submit("free")).status).toBe(403);
    expect((await submit()).status).toBe(403);
    expect(fake.jobs).toHaveLength(1);
  });

  test("is undefined for a request that did not come through toNodeHandler", () => {
    expect(nodeRequestOf(new Request("http://localhost/api/kling/jobs/x"))).toBeUndefined();
  });
});

describe("the API key", () => {
  test("a key too short to be real is refused at start-up (redacting it would cut into job ids)", () => {
    expect(() => createKlingProxy({ identify: () => "user-a", apiKey: "k", authorize: () => true })).toThrow(
      /shorter than 8 characters/,
    );
  });
});
