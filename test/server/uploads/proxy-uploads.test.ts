// @vitest-environment node
// POST {proxyUrl}/uploads through the whole proxy (identify, the model's limits, authorize)
// over s3Uploads on a real S3-protocol server that checks signatures.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  createKlingProxy,
  createMemoryStore,
  s3Uploads,
  type KlingProxyAction,
  type KlingUploads,
} from "../../../src/server";
import { createFakeKling } from "../../../src/testing";
import { startS3Server, type S3TestServer } from "../../support/s3-server";
import { clip } from "../../support/uploads";
import { BASE, KEY, ORIGIN, RUN } from "../support";

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3?.stop());

function app({ authorize = () => true as boolean }: { authorize?: (action: KlingProxyAction) => boolean } = {}) {
  const fake = createFakeKling({ apiKey: KEY });
  const storage = s3Uploads({
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
  const presign = vi.fn(storage.presign);
  const uploads: KlingUploads = { presign };
  const actions: KlingProxyAction[] = [];
  const proxy = createKlingProxy({
    apiKey: KEY,
    fetch: fake.fetch,
    basePath: BASE,
    identify: (request) => request.headers.get("x-user"),
    authorize: (_request, action) => (actions.push(action), authorize(action)),
    store: createMemoryStore(),
    uploads,
    log: () => undefined,
  });
  const ask = (user: string | null, body: unknown) =>
    proxy(
      new Request(`${ORIGIN}${BASE}/uploads`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(user ? { "x-user": user } : {}) },
        body: JSON.stringify(body),
      }),
    );
  return { fake, proxy, presign, actions, ask };
}

const VIDEO = { kind: "video", name: "holiday.mp4", type: "video/mp4", size: clip.byteLength };

describe("a user's own video becomes an edit", () => {
  test("upload a 4 s mp4 with the ticket; its url serves the same bytes; an edit with it reaches the upstream", async () => {
    const { ask, fake, proxy, actions } = app();
    const response = await ask("alice", VIDEO);
    expect(response.status).toBe(200);
    const ticket = (await response.json()) as {
      uploadUrl: string;
      method: string;
      headers: Record<string, string>;
      url: string;
      expiresAt: string;
    };
    expect(actions.at(-1)).toEqual({
      type: "upload",
      kind: "video",
      contentType: "video/mp4",
      size: clip.byteLength,
      name: "holiday.mp4",
    });

    const put = await fetch(ticket.uploadUrl, { method: ticket.method, headers: ticket.headers, body: clip });
    expect(put.status).toBe(200);
    const served = new Uint8Array(await (await fetch(ticket.url)).arrayBuffer());
    expect(served).toEqual(clip);

    const submit = await proxy(
      new Request(ORIGIN + RUN, {
        method: "POST",
        headers: { "content-type": "application/json", "x-user": "alice" },
        body: JSON.stringify({ prompt: "Make it snow", video_url: ticket.url, video_duration: 4 }),
      }),
    );
    expect(submit.status).toBe(202);
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", body: { video_url: ticket.url, video_duration: 4 } });
  });

  test("two users' uploads never share a folder, and neither folder names the user", async () => {
    const { ask } = app();
    const keys = [];
    for (const user of ["alice", "bob"]) {
      const { uploadUrl } = (await (await ask(user, VIDEO)).json()) as { uploadUrl: string };
      keys.push(new URL(uploadUrl).pathname.split("/").slice(2, -1).join("/"));
    }
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys.join(" ")).not.toMatch(/alice|bob|holiday/);
  });
});

describe("refused before anything is signed", () => {
  test.each([
    ["anonymous", null, VIDEO, 401, "unauthorized"],
    ["a type the model does not take", "alice", { ...VIDEO, type: "video/webm" }, 400, "invalid_input"],
    ["a video over 200 MB", "alice", { ...VIDEO, size: 200 * 1024 * 1024 + 1 }, 400, "invalid_input"],
    ["an image for the video kind", "alice", { ...VIDEO, type: "image/png" }, 400, "invalid_input"],
    ["no size", "alice", { ...VIDEO, size: undefined }, 400, "invalid_input"],
  ])("%s: %i, presign never called", async (_name, user, body, status, code) => {
    const { ask, presign } = app();
    const response = await ask(user, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
    expect(presign).not.toHaveBeenCalled();
  });

  test("authorize saying no: 403, presign never called", async () => {
    const { ask, presign } = app({ authorize: (action) => action.type !== "upload" });
    expect((await ask("alice", VIDEO)).status).toBe(403);
    expect(presign).not.toHaveBeenCalled();
  });

  test("a proxy without uploads says so (GET: uploads false) and signs nothing (POST: 404)", async () => {
    const without = createKlingProxy({
      apiKey: KEY,
      identify: () => "alice",
      authorize: () => true,
      basePath: BASE,
      log: () => undefined,
    });
    const question = await without(new Request(`${ORIGIN}${BASE}/uploads`));
    expect(question.status).toBe(200);
    expect(await question.json()).toEqual({ uploads: false });
    const post = await without(
      new Request(`${ORIGIN}${BASE}/uploads`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(VIDEO),
      }),
    );
    expect(post.status).toBe(404);
    const { proxy } = app();
    expect(await (await proxy(new Request(`${ORIGIN}${BASE}/uploads`))).json()).toEqual({ uploads: true });
    const options = await proxy(new Request(`${ORIGIN}${BASE}/uploads`, { method: "OPTIONS" }));
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
  });

  test("uploads with ownership: false and no identify fail at start-up (each upload needs its user's folder), not at every upload", () => {
    const uploads = s3Uploads({
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: s3.region,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
    // The types refuse it too (KlingProxyOptions); a JavaScript caller meets the runtime check.
    // @ts-expect-error uploads without identify
    expect(() => createKlingProxy({ apiKey: KEY, ownership: false, authorize: () => true, uploads })).toThrow(
      /uploads need `identify/,
    );
    expect(() =>
      createKlingProxy({ apiKey: KEY, ownership: false, identify: () => "team", authorize: () => true, uploads }),
    ).not.toThrow();
  });

  test("uploads without a presign function fail at start-up", () => {
    expect(() =>
      createKlingProxy({ apiKey: KEY, identify: () => "a", authorize: () => true, uploads: {} as never }),
    ).toThrow(/presign/);
  });
});
