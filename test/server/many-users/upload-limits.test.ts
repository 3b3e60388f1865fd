// uploadLimit: the files (and bytes) one user may have signed in a window, reserved in the
// store before anything is signed, across instances.
import { describe, expect, test, vi } from "vitest";
import {
  createMemoryStore,
  DEFAULT_UPLOAD_LIMIT,
  type KlingProxyOptions,
  type KlingStore,
  type KlingUploads,
} from "../../../src/server";
import { createFakeStorage } from "../../../src/testing";
import { redisForTests } from "../../support/redis-for-tests";
import { BASE } from "../support";
import { errorOf, instances } from "./support";

const HOUR = 3_600_000;
const MB = 1024 * 1024;
const redis = redisForTests();

/** Instances that sign uploads on one fake storage, counting every signature. */
function uploading(stores: KlingStore[], options: Partial<KlingProxyOptions> = {}) {
  const signer = createFakeStorage().uploads();
  const presign = vi.fn(signer.presign);
  const uploads: KlingUploads = { presign };
  const app = instances(stores, { uploads, ...options });
  const upload = (
    user: string,
    {
      instance = 0,
      kind = "video",
      size = 10 * MB,
    }: { instance?: number; kind?: "video" | "image"; size?: number } = {},
  ) =>
    app.call(user, `${BASE}/uploads`, {
      instance,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        kind,
        name: kind === "video" ? "clip.mp4" : "face.png",
        type: kind === "video" ? "video/mp4" : "image/png",
        size,
      }),
    });
  return { ...app, presign, upload };
}

/** A refusal's Retry-After, for a window whose oldest file was reserved moments ago (a second of slack). */
const expectWaitOfAboutAnHour = (retryAfter: string | null) => {
  expect(Number(retryAfter)).toBeGreaterThan(HOUR / 1000 - 60);
  expect(Number(retryAfter)).toBeLessThanOrEqual(HOUR / 1000 + 1);
};

describe("upload limits hold across instances", () => {
  test("12 concurrent tickets by one user on two instances on one Redis, a count of 5: 5 signed, 7 refused with Retry-After", async () => {
    const app = uploading(await redis.stores(2), { uploadLimit: { count: 5, bytes: 10_000 * MB, windowMs: HOUR } });
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => app.upload("alice", { instance: i % 2 })));

    expect(responses.filter((response) => response.status === 200)).toHaveLength(5);
    expect(app.presign).toHaveBeenCalledTimes(5);
    const refused = await Promise.all(responses.filter((response) => response.status !== 200).map(errorOf));
    expect(refused).toHaveLength(7);
    for (const error of refused) {
      expect(error).toMatchObject({ status: 429, code: "quota_exceeded" });
      expect(error.message).toMatch(
        /^You have uploaded 5 files \(50 MB\) in the last 60 min; your limit is 5 files and 9\.8 GB in any 60 min\. More in 60 min\.$/,
      );
      expectWaitOfAboutAnHour(error.retryAfter);
    }
    // Another user's window is their own.
    expect((await app.upload("bob", { instance: 1 })).status).toBe(200);
  });

  test("bytes count too: two 100 MB clips fill 250 MB; a third is refused with Retry-After, a small image still fits", async () => {
    const app = uploading(await redis.stores(2), { uploadLimit: { count: 100, bytes: 250 * MB, windowMs: HOUR } });
    expect((await app.upload("alice", { size: 100 * MB })).status).toBe(200);
    expect((await app.upload("alice", { size: 100 * MB, instance: 1 })).status).toBe(200);
    const third = await errorOf(await app.upload("alice", { size: 100 * MB }));
    expect(third).toMatchObject({ status: 429, code: "quota_exceeded" });
    expectWaitOfAboutAnHour(third.retryAfter);
    expect((await app.upload("alice", { kind: "image", size: 10 * MB, instance: 1 })).status).toBe(200);
    expect(app.presign).toHaveBeenCalledTimes(3);
  });

  test("a file larger than the whole limit says so, without a Retry-After, and nothing is signed", async () => {
    const app = uploading([createMemoryStore()], { uploadLimit: { count: 10, bytes: 50 * MB, windowMs: HOUR } });
    const error = await errorOf(await app.upload("alice", { size: 60 * MB }));
    expect(error).toMatchObject({ status: 429, code: "quota_exceeded", retryAfter: null });
    expect(error.message).toContain("larger than your upload limit");
    expect(app.presign).not.toHaveBeenCalled();
  });

  test("a ticket that could not be signed does not count", async () => {
    const app = uploading([createMemoryStore()], { uploadLimit: { count: 1, bytes: 1_000 * MB, windowMs: HOUR } });
    app.presign.mockRejectedValueOnce(new Error("storage down"));
    expect((await app.upload("alice")).status).toBe(500);
    expect((await app.upload("alice")).status).toBe(200);
    expect((await app.upload("alice")).status).toBe(429);
  });
});

describe("the default, and how to change it", () => {
  test(`on by default: ${DEFAULT_UPLOAD_LIMIT.count} files an hour, then 429`, async () => {
    const app = uploading([createMemoryStore()]);
    for (let i = 0; i < DEFAULT_UPLOAD_LIMIT.count; i++)
      expect((await app.upload("alice", { size: MB })).status).toBe(200);
    expect(await errorOf(await app.upload("alice", { size: MB }))).toMatchObject({
      status: 429,
      code: "quota_exceeded",
    });
  });

  test("false turns it off; a function sets it per user (undefined: none for that user)", async () => {
    const off = uploading([createMemoryStore()], { uploadLimit: false });
    for (let i = 0; i <= DEFAULT_UPLOAD_LIMIT.count; i++)
      expect((await off.upload("alice", { size: MB })).status).toBe(200);

    const perUser = uploading([createMemoryStore()], {
      uploadLimit: async (user) => (user === "admin" ? undefined : { count: 1, bytes: 1_000 * MB, windowMs: HOUR }),
    });
    expect((await perUser.upload("alice")).status).toBe(200);
    expect((await perUser.upload("alice")).status).toBe(429);
    for (let i = 0; i < 3; i++) expect((await perUser.upload("admin")).status).toBe(200);
  });

  test.each([
    ["a count of 0", { count: 0, bytes: MB, windowMs: HOUR }],
    ["a fraction of a file", { count: 1.5, bytes: MB, windowMs: HOUR }],
    ["no bytes", { count: 5, bytes: 0, windowMs: HOUR }],
    ["not a number", { count: 5, bytes: MB, windowMs: "1h" }],
  ])("a static limit with %s fails at start-up", (_name, uploadLimit) => {
    expect(() => uploading([createMemoryStore()], { uploadLimit: uploadLimit as never })).toThrow(/uploadLimit/);
  });

  test("a function that throws or answers nonsense refuses the upload with 500, logged, nothing signed", async () => {
    for (const uploadLimit of [
      () => {
        throw new Error("plans db down");
      },
      () => ({ count: Number.NaN, bytes: MB, windowMs: HOUR }),
    ]) {
      const app = uploading([createMemoryStore()], { uploadLimit });
      expect(await errorOf(await app.upload("alice"))).toMatchObject({ status: 500, code: "internal_error" });
      expect(app.presign).not.toHaveBeenCalled();
      expect(app.logs.at(-1)).toMatchObject({ level: "error", event: "internal_error" });
    }
  });

  test("a store without the upload methods (written before them) fails at start-up, unless the limit is off", () => {
    const { reserveUpload: _reserve, releaseUpload: _release, ...older } = createMemoryStore();
    expect(() => uploading([older as KlingStore])).toThrow(
      /uploadLimit needs the store's reserveUpload, releaseUpload/,
    );
    expect(() => uploading([older as KlingStore], { uploadLimit: false })).not.toThrow();
  });
});
