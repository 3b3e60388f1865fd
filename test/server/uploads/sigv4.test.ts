// @vitest-environment node
import { AwsV4Signer } from "aws4fetch";
import { describe, expect, test } from "vitest";
import {
  canonicalRequestText,
  MAX_PRESIGN_SECONDS,
  presignUrl,
  sha256Hex,
  signatureOf,
  signingKey,
  uriEncode,
} from "../../../src/server/uploads/sigv4";
import { checkPresigned } from "../../../src/testing/check-presigned";

// The figures of AWS's published SigV4 examples (S3 API reference: "Authenticating Requests"
// and the IAM user guide's signing-key example).
const AWS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "s3",
};
const MAY_24_2013 = Date.UTC(2013, 4, 24);
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString("hex");

describe("AWS's published examples", () => {
  test("the signing key of a day, region and service", async () => {
    const key = await signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
    expect(hex(key)).toBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  });

  test("a presigned GET of examplebucket/test.txt for 86,400 s", async () => {
    const url = await presignUrl(AWS, {
      method: "GET",
      origin: "https://examplebucket.s3.amazonaws.com",
      path: "/test.txt",
      expiresInSeconds: 86400,
      now: MAY_24_2013,
    });
    expect(url).toBe(
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
        "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
        "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });

  test("the presigned GET's canonical request hashes to the published value", async () => {
    const text = canonicalRequestText({
      method: "GET",
      path: "/test.txt",
      query: [
        ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
        ["X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"],
        ["X-Amz-Date", "20130524T000000Z"],
        ["X-Amz-Expires", "86400"],
        ["X-Amz-SignedHeaders", "host"],
      ],
      headers: { Host: "examplebucket.s3.amazonaws.com" },
      payloadHash: "UNSIGNED-PAYLOAD",
    });
    expect(await sha256Hex(text)).toBe("3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  });

  test("a header-signed PUT of test$file.text (a key that needs encoding)", async () => {
    const payloadHash = await sha256Hex("Welcome to Amazon S3.");
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const signature = await signatureOf(AWS, "20130524T000000Z", {
      method: "PUT",
      path: `/${uriEncode("test$file.text", { path: true })}`,
      query: [],
      headers: {
        Date: "Fri, 24 May 2013 00:00:00 GMT",
        Host: "examplebucket.s3.amazonaws.com",
        "x-amz-content-sha256": payloadHash,
        "x-amz-date": "20130524T000000Z",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
      },
      payloadHash,
    });
    expect(signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  test("a header-signed GET with a Range header", async () => {
    const signature = await signatureOf(AWS, "20130524T000000Z", {
      method: "GET",
      path: "/test.txt",
      query: [],
      headers: {
        host: "examplebucket.s3.amazonaws.com",
        range: "bytes=0-9",
        "x-amz-content-sha256": EMPTY_SHA256,
        "x-amz-date": "20130524T000000Z",
      },
      payloadHash: EMPTY_SHA256,
    });
    expect(signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  });
});

describe("URI encoding", () => {
  test.each([
    ["AZaz09-._~", "AZaz09-._~"],
    ["a b", "a%20b"],
    ["a+b*c", "a%2Bb%2Ac"],
    ["é", "%C3%A9"],
    ["%2f", "%252f"],
    ["../x", "..%2Fx"],
  ])("%j -> %j", (text, encoded) => {
    expect(uriEncode(text)).toBe(encoded);
  });

  test("a path keeps its slashes; a query value does not", () => {
    expect(uriEncode("dir/sub/a b.mp4", { path: true })).toBe("dir/sub/a%20b.mp4");
    expect(uriEncode("AKID/20130524/us-east-1/s3/aws4_request")).toBe(
      "AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request",
    );
  });

  test("a key that needs encoding is signed as aws4fetch (another implementation) signs it", async () => {
    const key = "dir/a b+c~é*(1).mp4";
    const origin = "https://bucket.s3.us-west-2.amazonaws.com";
    const credentials = { ...AWS, region: "us-west-2" };
    const ours = await presignUrl(credentials, {
      method: "GET",
      origin,
      path: `/${uriEncode(key, { path: true })}`,
      expiresInSeconds: 600,
      now: MAY_24_2013,
    });
    const theirs = await new AwsV4Signer({
      ...credentials,
      url: `${origin}/${uriEncode(key, { path: true })}?X-Amz-Expires=600`,
      method: "GET",
      signQuery: true,
      datetime: "20130524T000000Z",
    }).sign();
    const signatureOf = (url: string | URL) => new URL(url).searchParams.get("X-Amz-Signature");
    expect(signatureOf(ours)).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureOf(ours)).toBe(signatureOf(theirs.url));
  });
});

describe("presignUrl refuses a lifetime SigV4 does not allow", () => {
  test.each([0, -1, 1.5, MAX_PRESIGN_SECONDS + 1, Number.NaN])("%s seconds", async (seconds) => {
    await expect(
      presignUrl(AWS, {
        method: "GET",
        origin: "https://b.example",
        path: "/k",
        expiresInSeconds: seconds,
        now: MAY_24_2013,
      }),
    ).rejects.toThrow(/1 to 604800 seconds/);
  });
});

describe("checkPresigned (the simulated storage's check)", () => {
  const origin = "https://storage.example";
  const headers = { "content-type": "video/mp4" };
  const presigned = () =>
    presignUrl(AWS, { method: "PUT", origin, path: "/bucket/a.mp4", headers, expiresInSeconds: 900, now: MAY_24_2013 });
  const check = (url: string, changes: Partial<{ method: string; now: number; type: string | null }> = {}) =>
    checkPresigned(AWS, {
      method: changes.method ?? "PUT",
      url,
      header: (name) => (name === "content-type" ? (changes.type === undefined ? "video/mp4" : changes.type) : null),
      now: changes.now ?? MAY_24_2013 + 60_000,
    });

  test("its own URL passes, until the last second of its lifetime", async () => {
    expect(await check(await presigned())).toBeUndefined();
    expect(await check(await presigned(), { now: MAY_24_2013 + 900_000 })).toBeUndefined();
  });

  test.each([
    ["another object", (url: string) => url.replace("/a.mp4", "/b.mp4"), {}, "SignatureDoesNotMatch"],
    ["another method", (url: string) => url, { method: "GET" }, "SignatureDoesNotMatch"],
    ["another content type", (url: string) => url, { type: "text/html" }, "SignatureDoesNotMatch"],
    ["no content type", (url: string) => url, { type: null }, "SignatureDoesNotMatch"],
    ["an added query parameter", (url: string) => `${url}&acl=public-read`, {}, "SignatureDoesNotMatch"],
    [
      "a longer lifetime",
      (url: string) => url.replace("X-Amz-Expires=900", "X-Amz-Expires=901"),
      {},
      "SignatureDoesNotMatch",
    ],
    ["after it expired", (url: string) => url, { now: MAY_24_2013 + 901_000 }, "AccessDenied"],
    ["long before it was signed", (url: string) => url, { now: MAY_24_2013 - 3_600_000 }, "AccessDenied"],
    ["another access key", (url: string) => url.replace("AKIAIOSFODNN7EXAMPLE", "AKIAOTHER"), {}, "InvalidAccessKeyId"],
    ["another region", (url: string) => url.replace("us-east-1", "eu-west-1"), {}, "AuthorizationQueryParametersError"],
    ["no signature", (url: string) => url.replace(/&X-Amz-Signature=.*$/, ""), {}, "AuthorizationQueryParametersError"],
  ])("refuses %s", async (_name, change, changes, code) => {
    expect((await check(change(await presigned()), changes))?.code).toBe(code);
  });
});
