// @vitest-environment node
import { describe, expect, test } from "vitest";
import { UPLOAD_TYPES } from "../../../src/core/uploads";
import { s3Uploads, UPLOAD_EXTENSIONS, type S3UploadsOptions } from "../../../src/server/uploads/s3";

const SECRET = "s3-secret-0123456789-DO-NOT-LEAK";
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const AWS: S3UploadsOptions = {
  bucket: "kling-media",
  region: "eu-west-1",
  accessKeyId: "AKIAEXAMPLEKEY",
  secretAccessKey: SECRET,
  now: () => NOW,
};
const VIDEO = { owner: "alice@example.com", kind: "video" as const, type: "video/mp4", size: 70995, name: "clip.mp4" };
const KEY = /^kling-uploads\/[0-9a-f]{32}\/[0-9a-f]{32}\.mp4$/;

/** The object key a URL addresses, below the bucket. */
const keyOf = (url: string, bucketPrefix = "") =>
  decodeURIComponent(new URL(url).pathname).slice(1 + bucketPrefix.length);
const param = (url: string, name: string) => new URL(url).searchParams.get(name);
/** A fixed "random" source: counts up from `start`. */
const counting = (start = 0) => {
  let next = start;
  return (length: number) => Uint8Array.from({ length }, () => next++ & 0xff);
};

describe("a ticket", () => {
  test("is one signed PUT of one new object, and a presigned GET of the same object", async () => {
    const ticket = await s3Uploads(AWS).presign(VIDEO);
    expect(Object.keys(ticket).sort()).toEqual(["expiresAt", "headers", "method", "uploadUrl", "url"]);
    expect(ticket.method).toBe("PUT");
    expect(ticket.headers).toEqual({ "content-type": "video/mp4" });
    const put = new URL(ticket.uploadUrl);
    expect(put.origin).toBe("https://kling-media.s3.eu-west-1.amazonaws.com");
    expect(keyOf(ticket.uploadUrl)).toMatch(KEY);
    expect(param(ticket.uploadUrl, "X-Amz-SignedHeaders")).toBe("content-length;content-type;host");
    expect(param(ticket.uploadUrl, "X-Amz-Expires")).toBe("900");
    expect(param(ticket.uploadUrl, "X-Amz-Date")).toBe("20260102T030405Z");
    expect(param(ticket.uploadUrl, "X-Amz-Credential")).toBe("AKIAEXAMPLEKEY/20260102/eu-west-1/s3/aws4_request");
    expect(new URL(ticket.url).origin + new URL(ticket.url).pathname).toBe(put.origin + put.pathname);
    expect(param(ticket.url, "X-Amz-SignedHeaders")).toBe("host");
    expect(param(ticket.url, "X-Amz-Expires")).toBe("86400");
  });

  test("expires when its PUT URL does, counted from the second it was signed", async () => {
    const ticket = await s3Uploads(AWS).presign(VIDEO);
    expect(ticket.expiresAt).toBe(new Date(Date.UTC(2026, 0, 2, 3, 4, 5) + 900_000).toISOString());
  });

  test("holds no secret", async () => {
    const text = JSON.stringify(await s3Uploads(AWS).presign(VIDEO));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encodeURIComponent(SECRET));
  });

  test("the same clock and random source give the same ticket; another random source another object", async () => {
    const options = { ...AWS, randomBytes: counting() };
    const first = await s3Uploads(options).presign(VIDEO);
    expect(await s3Uploads({ ...AWS, randomBytes: counting() }).presign(VIDEO)).toEqual(first);
    const second = await s3Uploads(options).presign(VIDEO);
    expect(keyOf(second.uploadUrl)).not.toBe(keyOf(first.uploadUrl));
    expect(keyOf(first.uploadUrl).endsWith("/000102030405060708090a0b0c0d0e0f.mp4")).toBe(true);
  });

  test("each type the model takes gets its extension; the type is signed lower-case", async () => {
    const uploads = s3Uploads(AWS);
    for (const [kind, types] of Object.entries(UPLOAD_TYPES) as Array<["video" | "image", readonly string[]]>) {
      for (const type of types) {
        const ticket = await uploads.presign({ ...VIDEO, kind, type: type.toUpperCase() });
        expect(keyOf(ticket.uploadUrl).endsWith(`.${UPLOAD_EXTENSIONS[type]}`)).toBe(true);
        expect(ticket.headers["content-type"]).toBe(type);
      }
    }
  });

  test("signContentLength: false leaves the length out of the signature", async () => {
    const ticket = await s3Uploads({ ...AWS, signContentLength: false }).presign(VIDEO);
    expect(param(ticket.uploadUrl, "X-Amz-SignedHeaders")).toBe("content-type;host");
  });

  test("lifetimes are options", async () => {
    const ticket = await s3Uploads({ ...AWS, uploadExpiresInSeconds: 60, readExpiresInSeconds: 604800 }).presign(VIDEO);
    expect(param(ticket.uploadUrl, "X-Amz-Expires")).toBe("60");
    expect(param(ticket.url, "X-Amz-Expires")).toBe("604800");
    expect(Date.parse(ticket.expiresAt) - Date.UTC(2026, 0, 2, 3, 4, 5)).toBe(60_000);
  });
});

describe("addressing", () => {
  test("a custom endpoint is addressed path-style, {endpoint}/{bucket}/{key}", async () => {
    for (const endpoint of ["https://acct.r2.cloudflarestorage.com", "https://acct.r2.cloudflarestorage.com/"]) {
      const ticket = await s3Uploads({ ...AWS, region: "auto", endpoint }).presign(VIDEO);
      expect(new URL(ticket.uploadUrl).origin).toBe("https://acct.r2.cloudflarestorage.com");
      expect(keyOf(ticket.uploadUrl, "kling-media/")).toMatch(KEY);
      expect(new URL(ticket.uploadUrl).pathname.startsWith("/kling-media/kling-uploads/")).toBe(true);
    }
  });

  test("an endpoint with a path and a port keeps both", async () => {
    const ticket = await s3Uploads({ ...AWS, endpoint: "http://127.0.0.1:9000/s3" }).presign(VIDEO);
    expect(new URL(ticket.uploadUrl).host).toBe("127.0.0.1:9000");
    expect(new URL(ticket.uploadUrl).pathname.startsWith("/s3/kling-media/kling-uploads/")).toBe(true);
  });

  test("publicBaseUrl makes url the public address of the same key, unsigned", async () => {
    const ticket = await s3Uploads({ ...AWS, publicBaseUrl: "https://media.example.com/videos/" }).presign(VIDEO);
    const url = new URL(ticket.url);
    expect(url.origin).toBe("https://media.example.com");
    expect(url.search).toBe("");
    expect(url.pathname).toBe(`/videos/${keyOf(ticket.uploadUrl)}`);
  });

  test("prefix sets the folder; empty puts users' folders at the bucket's root", async () => {
    const inFolder = await s3Uploads({ ...AWS, prefix: "apps/kling" }).presign(VIDEO);
    expect(keyOf(inFolder.uploadUrl)).toMatch(/^apps\/kling\/[0-9a-f]{32}\/[0-9a-f]{32}\.mp4$/);
    const atRoot = await s3Uploads({ ...AWS, prefix: "" }).presign(VIDEO);
    expect(keyOf(atRoot.uploadUrl)).toMatch(/^[0-9a-f]{32}\/[0-9a-f]{32}\.mp4$/);
  });
});

describe("keys belong to their owner, and only the proxy shapes them", () => {
  test("one user's uploads go to their folder, never another's; the owner is not in the key", async () => {
    const uploads = s3Uploads(AWS);
    const owners = ["alice", "bob", "bob/", "../bob", "BOB", "bob\u0000", "kling-uploads/bob"];
    const folders = await Promise.all(owners.map((owner) => uploads.folderOf(owner)));
    expect(new Set(folders).size).toBe(owners.length);
    for (const [index, owner] of owners.entries()) {
      const key = keyOf((await uploads.presign({ ...VIDEO, owner })).uploadUrl);
      expect(key.startsWith(folders[index]!)).toBe(true);
      for (const [other, folder] of folders.entries()) if (other !== index) expect(key.startsWith(folder)).toBe(false);
      expect(key).toMatch(KEY);
    }
  });

  test("the folder is a keyed hash: another secret, another folder", async () => {
    const one = await s3Uploads(AWS).folderOf("alice");
    expect(await s3Uploads(AWS).folderOf("alice")).toBe(one);
    expect(await s3Uploads({ ...AWS, secretAccessKey: "another-secret" }).folderOf("alice")).not.toBe(one);
  });

  test.each([
    ["a path", "../../etc/passwd"],
    ["an encoded slash", "..%2f..%2fbob%2fclip.mp4"],
    ["300 characters", `${"x".repeat(296)}.mov`],
    ["a type's extension that differs", "clip.exe"],
    ["nothing", ""],
  ])("a client name with %s does not shape the key", async (_what, name) => {
    const ticket = await s3Uploads(AWS).presign({ ...VIDEO, name });
    expect(keyOf(ticket.uploadUrl)).toMatch(KEY);
  });
});

describe("presign refuses what the proxy would never ask", () => {
  test.each([
    ["no owner", { owner: "" }, /owner/],
    ["an unknown kind", { kind: "audio" }, /cannot sign a audio/],
    ["a type of the other kind", { type: "image/png" }, /cannot sign a video of type "image\/png"/],
    ["an unknown type", { type: "text/html" }, /cannot sign/],
    ["no size", { size: 0 }, /size/],
    ["a fractional size", { size: 1.5 }, /size/],
  ])("%s", async (_name, change, message) => {
    await expect(s3Uploads(AWS).presign({ ...VIDEO, ...change } as typeof VIDEO)).rejects.toThrow(message);
  });

  test("a random source that gives too few bytes", async () => {
    await expect(s3Uploads({ ...AWS, randomBytes: () => new Uint8Array(4) }).presign(VIDEO)).rejects.toThrow(
      /16 bytes/,
    );
  });
});

describe("options are checked when the server starts", () => {
  test.each([
    ["no bucket", { bucket: undefined }, /bucket must be an S3 bucket name/],
    ["a bucket with upper case", { bucket: "Kling" }, /bucket must be/],
    ["a bucket with a slash", { bucket: "a/b" }, /bucket must be/],
    [
      "a dotted bucket on AWS",
      { bucket: "media.example.com" },
      /dots needs path-style addressing: pass endpoint "https:\/\/s3\.eu-west-1\.amazonaws\.com"/,
    ],
    ["no region", { region: "" }, /region must look like/],
    ["no access key id", { accessKeyId: "" }, /accessKeyId must be/],
    ["an access key id with a slash", { accessKeyId: "AKIA/X" }, /accessKeyId must be/],
    ["no secret", { secretAccessKey: "" }, /secretAccessKey is required/],
    ["a secret copied with a line break", { secretAccessKey: `${SECRET}\n` }, /spaces or a line break/],
    ["an endpoint that is not a URL", { endpoint: "r2.example" }, /endpoint must be an absolute http\(s\) URL/],
    [
      "an endpoint with credentials",
      { endpoint: "https://user:pw@r2.example" },
      /endpoint must be .*got "https:\/\/\[credentials\]@r2\.example"/,
    ],
    ["an endpoint with a query", { endpoint: "https://r2.example/?x=1" }, /endpoint must be/],
    ["a publicBaseUrl with a hash", { publicBaseUrl: "https://cdn.example/#x" }, /publicBaseUrl must be/],
    ["a publicBaseUrl of another scheme", { publicBaseUrl: "ftp://cdn.example" }, /publicBaseUrl must be/],
    ["a prefix with ..", { prefix: "a/../b" }, /prefix must be folder names/],
    ["a prefix with a space", { prefix: "my uploads" }, /prefix must be folder names/],
    ["a prefix with //", { prefix: "a//b" }, /prefix must be folder names/],
    [
      "an upload lifetime of 0",
      { uploadExpiresInSeconds: 0 },
      /uploadExpiresInSeconds must be a whole number of seconds from 1 to 604800/,
    ],
    [
      "a read lifetime past 7 days",
      { readExpiresInSeconds: 604801 },
      /readExpiresInSeconds must be .* from 3600 to 604800/,
    ],
    ["a read lifetime shorter than a job", { readExpiresInSeconds: 600 }, /readExpiresInSeconds/],
    ["a clock that is not a function", { now: 5 }, /now must be a function/],
  ])("%s", (_name, change, message) => {
    const attempt = () => s3Uploads({ ...AWS, ...change } as S3UploadsOptions);
    expect(attempt).toThrow(TypeError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(SECRET);
      expect(String((error as Error).message)).not.toContain("AKIAEXAMPLEKEY");
    }
  });

  test("every type the model takes has an extension", () => {
    for (const type of Object.values(UPLOAD_TYPES).flat()) expect(UPLOAD_EXTENSIONS[type]).toMatch(/^[a-z0-9]+$/);
  });
});
