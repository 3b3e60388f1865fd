// @vitest-environment node
// Tickets used against a real S3-protocol server that checks SigV4 signatures and expiry
// (test/support/s3-server.ts). Its clock is the real one: expiry is shown by signing in the past.
import { AwsV4Signer } from "aws4fetch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { s3Uploads, type S3UploadsOptions } from "../../../src/server/uploads/s3";
import type { KlingUploadTicket } from "../../../src/server/uploads/types";
import { startS3Server, type S3TestServer } from "../../support/s3-server";
import { CLIP_UPLOAD as VIDEO, clip, codeOf, ticketThroughRoute } from "../../support/uploads";

let s3: S3TestServer;
let options: S3UploadsOptions;
const MINUTE = 60_000;

beforeAll(async () => {
  s3 = await startS3Server();
  options = {
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  };
});
afterAll(() => s3?.stop());

const put = (
  ticket: KlingUploadTicket,
  body: Uint8Array<ArrayBuffer> = clip,
  headers: Record<string, string> = ticket.headers,
  url = ticket.uploadUrl,
) => fetch(url, { method: ticket.method, headers, body });
/** The object key below the bucket. */
const keyOf = (ticket: KlingUploadTicket) => new URL(ticket.uploadUrl).pathname.slice(`/${s3.bucket}/`.length);
/** Whether an object exists: s3rver lets unsigned reads through, so a plain GET tells. */
const exists = async (key: string) => (await fetch(`${s3.endpoint}/${s3.bucket}/${key}`)).status === 200;
/** The same random bytes each time, so two tickets name the same object. */
const sameObject = () => new Uint8Array(16).fill(7);

describe("the storage server checks what the tests rely on", () => {
  // Signed by aws4fetch, not our signer: the server's check is not ours agreeing with itself.
  const signed = async (method: string, key: string, expires = 600) =>
    (
      await new AwsV4Signer({
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
        service: "s3",
        region: s3.region,
        url: `${s3.endpoint}/${s3.bucket}/${key}?X-Amz-Expires=${expires}`,
        method,
        signQuery: true,
      }).sign()
    ).url.toString();

  test("a correctly signed request passes; a changed signature, path or secret does not", async () => {
    expect((await fetch(await signed("PUT", "control/a.txt"), { method: "PUT", body: "a" })).status).toBe(200);
    const url = await signed("PUT", "control/b.txt");
    const forged = url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
    );
    expect(await codeOf(await fetch(forged, { method: "PUT", body: "b" }))).toBe("SignatureDoesNotMatch");
    expect(await codeOf(await fetch(url.replace("/b.txt", "/c.txt"), { method: "PUT", body: "c" }))).toBe(
      "SignatureDoesNotMatch",
    );
    const otherSecret = await new AwsV4Signer({
      accessKeyId: s3.accessKeyId,
      secretAccessKey: "not-the-secret",
      service: "s3",
      region: s3.region,
      url: `${s3.endpoint}/${s3.bucket}/control/d.txt`,
      method: "PUT",
      signQuery: true,
    }).sign();
    expect(await codeOf(await fetch(otherSecret.url, { method: "PUT", body: "d" }))).toBe("SignatureDoesNotMatch");
    expect(await exists("control/b.txt")).toBe(false);
    expect(await exists("control/c.txt")).toBe(false);
    expect(await exists("control/d.txt")).toBe(false);
  });
});

describe("a ticket against real storage", () => {
  test("a 4 s mp4 uploaded with the ticket is served back byte for byte from url", async () => {
    const ticket = await s3Uploads(options).presign(VIDEO);
    const uploaded = await put(ticket);
    expect(uploaded.status).toBe(200);
    const served = await fetch(ticket.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("video/mp4");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(clip);
  });

  test("through the route: the browser's request in, a ticket out, the file stored where it says", async () => {
    const ticket = await ticketThroughRoute(s3Uploads(options), "alice", "../../bob/source.mp4");
    expect((await put(ticket)).status).toBe(200);
    expect(new Uint8Array(await (await fetch(ticket.url)).arrayBuffer())).toEqual(clip);
    expect(keyOf(ticket).startsWith(await s3Uploads(options).folderOf("alice"))).toBe(true);
  });

  test("cannot put another object: another key in the same folder, or in another user's", async () => {
    const uploads = s3Uploads(options);
    const ticket = await uploads.presign(VIDEO);
    const key = keyOf(ticket);
    const sibling = key.replace(/[0-9a-f]{32}\.mp4$/, `${"0".repeat(32)}.mp4`);
    const bobs = `${await uploads.folderOf("bob")}${"0".repeat(32)}.mp4`;
    for (const other of [sibling, bobs, `${key}.html`]) {
      const response = await put(ticket, clip, ticket.headers, ticket.uploadUrl.replace(key, other));
      expect(await codeOf(response)).toBe("SignatureDoesNotMatch");
      expect(await exists(other)).toBe(false);
    }
  });

  test("cannot put another content type, or another length, than was signed", async () => {
    const ticket = await s3Uploads(options).presign(VIDEO);
    expect(await codeOf(await put(ticket, clip, { "content-type": "text/html" }))).toBe("SignatureDoesNotMatch");
    expect(await codeOf(await put(ticket, clip, {}))).toBe("SignatureDoesNotMatch");
    const longer = new Uint8Array(clip.byteLength + 1);
    longer.set(clip);
    expect(await codeOf(await put(ticket, longer))).toBe("SignatureDoesNotMatch");
    expect(await codeOf(await put(ticket, clip.subarray(1)))).toBe("SignatureDoesNotMatch");
    expect(await exists(keyOf(ticket))).toBe(false);
    expect((await put(ticket)).status).toBe(200);
  });

  test("the PUT URL works until its lifetime ends, and not after", async () => {
    const signedAgo = (ms: number) =>
      s3Uploads({ ...options, now: () => Date.now() - ms, randomBytes: sameObject }).presign(VIDEO);
    const expired = await signedAgo(15 * MINUTE + MINUTE);
    expect(Date.parse(expired.expiresAt)).toBeLessThan(Date.now());
    expect(await codeOf(await put(expired))).toBe("AccessDenied");
    expect(await exists(keyOf(expired))).toBe(false);
    const nearlyExpired = await signedAgo(15 * MINUTE - MINUTE);
    expect(keyOf(nearlyExpired)).toBe(keyOf(expired));
    expect((await put(nearlyExpired)).status).toBe(200);
  });

  test("the GET url stops working when its day is over", async () => {
    const fresh = await s3Uploads({ ...options, randomBytes: () => new Uint8Array(16).fill(9) }).presign(VIDEO);
    expect((await put(fresh)).status).toBe(200);
    const dayOld = await s3Uploads({
      ...options,
      now: () => Date.now() - 24 * 60 * MINUTE - MINUTE,
      randomBytes: () => new Uint8Array(16).fill(9),
    }).presign(VIDEO);
    expect(dayOld.url.split("?")[0]).toBe(fresh.url.split("?")[0]);
    expect(await codeOf(await fetch(dayOld.url))).toBe("AccessDenied");
    expect((await fetch(fresh.url)).status).toBe(200);
  });

  test("a GET url cannot read another object", async () => {
    const uploads = s3Uploads(options);
    const mine = await uploads.presign(VIDEO);
    const theirs = await uploads.presign({ ...VIDEO, owner: "bob" });
    expect((await put(theirs)).status).toBe(200);
    expect(await codeOf(await fetch(mine.url.replace(keyOf(mine), keyOf(theirs))))).toBe("SignatureDoesNotMatch");
  });

  test("client names never shape the key, and each upload lands where its ticket says", async () => {
    const uploads = s3Uploads(options);
    const folder = await uploads.folderOf("carol");
    for (const name of ["../../alice/x.mp4", "..%2f..%2falice%2fx.mp4", `${"n".repeat(296)}.mp4`, "/etc/passwd"]) {
      const ticket = await uploads.presign({ ...VIDEO, owner: "carol", name });
      expect(keyOf(ticket)).toMatch(new RegExp(`^${folder}[0-9a-f]{32}\\.mp4$`));
      expect((await put(ticket)).status).toBe(200);
      expect(new Uint8Array(await (await fetch(ticket.url)).arrayBuffer())).toEqual(clip);
    }
  });
});
