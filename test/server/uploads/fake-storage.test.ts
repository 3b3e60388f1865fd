// @vitest-environment node
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { toNodeHandler } from "../../../src/server/node";
import type { KlingUploadTicket } from "../../../src/server/uploads/types";
import { createFakeStorage, type FakeStorage } from "../../../src/testing/fake-storage";
import { CLIP_UPLOAD as VIDEO, clip, codeOf, ticketThroughRoute } from "../../support/uploads";

const MINUTE = 60_000;

const put = (
  storage: FakeStorage,
  ticket: KlingUploadTicket,
  body: Uint8Array<ArrayBuffer> = clip,
  headers = ticket.headers,
  url = ticket.uploadUrl,
) => storage.fetch(url, { method: "PUT", headers, body });
const keyOf = (ticket: KlingUploadTicket) =>
  decodeURIComponent(new URL(ticket.uploadUrl).pathname).replace(/^\/kling-fake\//, "");

async function uploaded(storage = createFakeStorage()) {
  const ticket = await storage.uploads().presign(VIDEO);
  expect((await put(storage, ticket)).status).toBe(200);
  return { storage, ticket };
}

describe("the fake storage takes a presigned upload and serves it back", () => {
  test("the bytes and the content type come back from url", async () => {
    const { storage, ticket } = await uploaded();
    const served = await storage.fetch(ticket.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("video/mp4");
    expect(served.headers.get("accept-ranges")).toBe("bytes");
    expect(served.headers.get("content-length")).toBe(String(clip.byteLength));
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(clip);
    expect(storage.objects.get(keyOf(ticket))).toMatchObject({ type: "video/mp4", body: clip });
  });

  test.each([
    ["the first 100 bytes", "bytes=0-99", 0, 99],
    ["from an offset to the end", "bytes=70000-", 70000, clip.byteLength - 1],
    ["the last 10 bytes", "bytes=-10", clip.byteLength - 10, clip.byteLength - 1],
    ["an end past the size", `bytes=10-${clip.byteLength + 500}`, 10, clip.byteLength - 1],
  ])("a Range of %s: 206 with that part (a <video> seeks this way)", async (_name, range, start, end) => {
    const { storage, ticket } = await uploaded();
    const served = await storage.fetch(ticket.url, { headers: { range } });
    expect(served.status).toBe(206);
    expect(served.headers.get("content-range")).toBe(`bytes ${start}-${end}/${clip.byteLength}`);
    expect(served.headers.get("content-type")).toBe("video/mp4");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(clip.slice(start, end + 1));
  });

  test("a Range past the end: 416; a malformed one: the whole object", async () => {
    const { storage, ticket } = await uploaded();
    const past = await storage.fetch(ticket.url, { headers: { range: `bytes=${clip.byteLength}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${clip.byteLength}`);
    const malformed = await storage.fetch(ticket.url, { headers: { range: "bytes=abc" } });
    expect(malformed.status).toBe(200);
    expect((await malformed.arrayBuffer()).byteLength).toBe(clip.byteLength);
  });

  test("HEAD answers the headers of a GET, without the body", async () => {
    const { storage, ticket } = await uploaded();
    const head = await storage.fetch(ticket.url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(clip.byteLength));
    expect(await head.text()).toBe("");
  });

  test("a browser's CORS preflight for the PUT is answered", async () => {
    const { storage, ticket } = await uploaded();
    const preflight = await storage.fetch(ticket.uploadUrl, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:6006",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("the route's ticket works against it: the simulated mode end to end", async () => {
    const storage = createFakeStorage();
    const ticket = await ticketThroughRoute(storage.uploads(), "alice");
    expect((await put(storage, ticket)).status).toBe(200);
    expect(new Uint8Array(await (await storage.fetch(ticket.url)).arrayBuffer())).toEqual(clip);
  });
});

describe("the fake storage refuses what S3 would, and records it", () => {
  test.each([
    [
      "another key",
      (t: KlingUploadTicket) => ({ url: t.uploadUrl.replace(/[0-9a-f]{32}\.mp4/, `${"0".repeat(32)}.mp4`) }),
      "SignatureDoesNotMatch",
      403,
    ],
    ["another content type", () => ({ headers: { "content-type": "text/html" } }), "SignatureDoesNotMatch", 403],
    ["no content type", () => ({ headers: {} }), "SignatureDoesNotMatch", 403],
    ["one byte more", () => ({ body: new Uint8Array(clip.byteLength + 1) }), "SignatureDoesNotMatch", 403],
    ["one byte less", () => ({ body: clip.subarray(1) }), "SignatureDoesNotMatch", 403],
    ["no signature", (t: KlingUploadTicket) => ({ url: t.uploadUrl.split("?")[0] }), "AccessDenied", 403],
    [
      "a longer lifetime",
      (t: KlingUploadTicket) => ({ url: t.uploadUrl.replace("X-Amz-Expires=900", "X-Amz-Expires=3600") }),
      "SignatureDoesNotMatch",
      403,
    ],
  ])("a PUT with %s", async (_name, change, code, status) => {
    const storage = createFakeStorage();
    const ticket = await storage.uploads().presign(VIDEO);
    const { url, headers, body } = { url: ticket.uploadUrl, headers: ticket.headers, body: clip, ...change(ticket) };
    const response = await put(storage, ticket, body, headers, url);
    expect(response.status).toBe(status);
    expect(await codeOf(response)).toBe(code);
    expect(storage.objects.size).toBe(0);
    expect(storage.requests.at(-1)).toMatchObject({ method: "PUT", status, code });
  });

  test("a PUT after the ticket expired (on the fake's clock); at its last moment, it goes", async () => {
    const storage = createFakeStorage({ now: () => Date.UTC(2026, 0, 1) });
    const ticket = await storage.uploads().presign(VIDEO);
    storage.advance(15 * MINUTE + 1);
    expect(Date.parse(ticket.expiresAt)).toBeLessThan(storage.now());
    expect(await codeOf(await put(storage, ticket))).toBe("AccessDenied");
    storage.reset();
    const fresh = await storage.uploads().presign(VIDEO);
    storage.advance(15 * MINUTE);
    expect(Date.parse(fresh.expiresAt)).toBe(storage.now());
    expect((await put(storage, fresh)).status).toBe(200);
  });

  test("a GET after url's day is over", async () => {
    const { storage, ticket } = await uploaded();
    storage.advance(24 * 60 * MINUTE + 1000);
    expect(await codeOf(await storage.fetch(ticket.url))).toBe("AccessDenied");
  });

  test("a ticket signed with another secret, or another access key", async () => {
    const storage = createFakeStorage();
    const forged = await storage.uploads({ secretAccessKey: "guessed" }).presign(VIDEO);
    expect(await codeOf(await put(storage, forged))).toBe("SignatureDoesNotMatch");
    const stranger = await storage.uploads({ accessKeyId: "SOMEONEELSE" }).presign(VIDEO);
    expect(await codeOf(await put(storage, stranger))).toBe("InvalidAccessKeyId");
    expect(storage.objects.size).toBe(0);
  });

  test("a PUT URL is no GET URL, and a GET URL cannot read another object", async () => {
    const { storage, ticket } = await uploaded();
    expect(await codeOf(await storage.fetch(ticket.uploadUrl))).toBe("SignatureDoesNotMatch");
    const other = await storage.uploads().presign({ ...VIDEO, owner: "bob" });
    expect((await put(storage, other)).status).toBe(200);
    expect(await codeOf(await storage.fetch(ticket.url.replace(keyOf(ticket), keyOf(other))))).toBe(
      "SignatureDoesNotMatch",
    );
  });

  test("unsigned reads, other methods, folders, other buckets and other hosts", async () => {
    const { storage, ticket } = await uploaded();
    const plain = ticket.url.split("?")[0]!;
    expect(await codeOf(await storage.fetch(plain))).toBe("AccessDenied");
    const deleted = await storage.fetch(ticket.url, { method: "DELETE" });
    expect([deleted.status, await codeOf(deleted)]).toEqual([405, "MethodNotAllowed"]);
    expect(await codeOf(await storage.fetch("https://storage.kling.test/kling-fake/"))).toBe("InvalidRequest");
    expect(await codeOf(await storage.fetch("https://storage.kling.test/other-bucket/a.mp4"))).toBe("NoSuchBucket");
    const elsewhere = await storage.fetch("https://elsewhere.example/kling-fake/a.mp4");
    expect([elsewhere.status, await codeOf(elsewhere)]).toEqual([404, "NotFound"]);
    expect(await codeOf(await storage.fetch("https://storage.kling.test/kling-fake/%E0%A4%A"))).toBe("InvalidURI");
    expect(storage.objects.size).toBe(1);
  });

  test("an object over maxObjectBytes", async () => {
    const storage = createFakeStorage({ maxObjectBytes: 1000 });
    const ticket = await storage.uploads().presign(VIDEO);
    expect(await codeOf(await put(storage, ticket))).toBe("EntityTooLarge");
    expect(storage.objects.size).toBe(0);
  });

  test("a GET of an object never put", async () => {
    const storage = createFakeStorage();
    const ticket = await storage.uploads().presign(VIDEO);
    expect(await codeOf(await storage.fetch(ticket.url))).toBe("NoSuchKey");
  });

  test("its options are checked like s3Uploads' own", () => {
    expect(() => createFakeStorage({ endpoint: "storage" })).toThrow(/endpoint must be an absolute http\(s\) URL/);
    expect(() => createFakeStorage({ bucket: "Bad_Bucket" })).toThrow(/bucket must be/);
  });

  test("reset forgets objects, requests and the clock's advance", async () => {
    const { storage } = await uploaded();
    storage.advance(MINUTE);
    storage.reset();
    expect([storage.objects.size, storage.requests.length]).toEqual([0, 0]);
    expect(Math.abs(storage.now() - Date.now())).toBeLessThan(MINUTE);
  });
});

describe("mounted in a Node server, as the example app does", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  test("a real HTTP PUT and a ranged GET over loopback", async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const storage = createFakeStorage({ endpoint: `${origin}/__storage` });
    // The adapter's body limit is the proxy's 64 KiB unless raised: a storage takes whole files.
    server.on("request", toNodeHandler(storage.handle, { basePath: "/__storage", maxBodyBytes: 100 * 1024 * 1024 }));
    const ticket = await storage.uploads().presign(VIDEO);
    expect(ticket.uploadUrl.startsWith(`${origin}/__storage/kling-fake/kling-uploads/`)).toBe(true);
    expect((await fetch(ticket.uploadUrl, { method: "PUT", headers: ticket.headers, body: clip })).status).toBe(200);
    const part = await fetch(ticket.url, { headers: { range: "bytes=0-1023" } });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(clip.slice(0, 1024));
  });
});
