// @vitest-environment node
// The proxy's synchronous HMAC-SHA-256 (claims are signed on the answer's path) against the
// standard's test vectors and against Node's own implementation on many lengths.
import { createHash, createHmac } from "node:crypto";
import { expect, test } from "vitest";
import { hmacSha256, sameBytes, sha256 } from "../../src/server/hmac";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const text = (value: string) => new TextEncoder().encode(value);

test("SHA-256 of the FIPS 180-4 examples", () => {
  expect(hex(sha256(text("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  expect(hex(sha256(text("")))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  expect(hex(sha256(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});

test("HMAC-SHA-256 of RFC 4231 cases 1, 2 and 6 (a key longer than a block)", () => {
  expect(hex(hmacSha256(new Uint8Array(20).fill(0x0b), text("Hi There")))).toBe(
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
  );
  expect(hex(hmacSha256(text("Jefe"), text("what do ya want for nothing?")))).toBe(
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
  expect(
    hex(hmacSha256(new Uint8Array(131).fill(0xaa), text("Test Using Larger Than Block-Size Key - Hash Key First"))),
  ).toBe("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
});

test("the same as Node's crypto for every length from 0 to 300 bytes", () => {
  for (let length = 0; length <= 300; length++) {
    const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
    expect(hex(sha256(data))).toBe(createHash("sha256").update(data).digest("hex"));
    expect(hex(hmacSha256(text("pdj_key"), data))).toBe(createHmac("sha256", "pdj_key").update(data).digest("hex"));
  }
});

test("sameBytes: equal only when every byte is", () => {
  expect(sameBytes(text("abc"), text("abc"))).toBe(true);
  expect(sameBytes(text("abc"), text("abd"))).toBe(false);
  expect(sameBytes(text("abc"), text("ab"))).toBe(false);
});
