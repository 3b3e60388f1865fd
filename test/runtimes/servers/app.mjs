// The app every runtime serves, on Web APIs only: the BUILT proxy (dist/) in front of the fake
// upstream under /api/kling, with uploads over s3Uploads, on a fixed clock and a fixed random
// source so that every runtime must answer byte for byte alike.
import { createKlingProxy, createMemoryStore, s3Uploads } from "../../../dist/server.js";
import { createFakeKling } from "../../../dist/testing.js";

export const API_KEY = "pdj_runtime_0123456789abcdef";
const FIXED_NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
/** Not random: the same bytes on every runtime, different for each call. */
function countingBytes() {
  let next = 0;
  return (length) => Uint8Array.from({ length }, () => (next++ * 37 + 11) & 0xff);
}

const STORAGES = {
  aws: { bucket: "kling-media", region: "eu-west-1" },
  r2: {
    endpoint: "https://acct.r2.cloudflarestorage.com",
    bucket: "kling",
    region: "auto",
    readExpiresInSeconds: 604800,
  },
  public: {
    endpoint: "http://127.0.0.1:9000/s3",
    bucket: "media",
    region: "us-east-1",
    publicBaseUrl: "https://cdn.example/v/",
  },
};
const uploadsOf = (storage) =>
  s3Uploads({
    accessKeyId: "AKIARUNTIME",
    secretAccessKey: "runtime/secret+KEY=",
    now: () => FIXED_NOW,
    randomBytes: countingBytes(),
    ...storage,
  });

/** Tickets and folders for a fixed set of requests: Web Crypto (SHA-256, HMAC) and encoding on this runtime. */
async function presignTable() {
  const rows = [];
  for (const [name, storage] of Object.entries(STORAGES)) {
    const uploads = uploadsOf(storage);
    for (const owner of ["alice", "Zoë 👩‍🎤 <bob@example.com>"]) {
      rows.push({ name, owner, folder: await uploads.folderOf(owner) });
      rows.push(await uploads.presign({ owner, kind: "video", type: "video/mp4", size: 70995, name: "a.mp4" }));
      rows.push(await uploads.presign({ owner, kind: "image", type: "IMAGE/WEBP", size: 1, name: "../x.webp" }));
    }
  }
  return new Response(JSON.stringify(rows), { headers: { "content-type": "application/json" } });
}

export function createApp() {
  const fake = createFakeKling({ apiKey: API_KEY, seed: 7, now: () => FIXED_NOW });
  const proxy = createKlingProxy({
    apiKey: API_KEY,
    identify: () => "alice",
    authorize: () => true,
    fetch: fake.fetch,
    basePath: "/api/kling",
    uploads: uploadsOf(STORAGES.aws),
    // On the fake's fixed clock, so that its jobs have not expired by the store's.
    store: createMemoryStore({ now: () => FIXED_NOW }),
    // Without the server watch's timers: what this proxy answers is compared byte for byte.
    push: false,
    log: () => {},
  });
  // The same app with push, under /api/kling-push: the event stream as each runtime serves it.
  const pushing = createKlingProxy({
    apiKey: API_KEY,
    identify: () => "alice",
    authorize: () => true,
    fetch: createFakeKling({ apiKey: API_KEY, seed: 8, now: () => FIXED_NOW }).fetch,
    basePath: "/api/kling-push",
    store: createMemoryStore({ now: () => FIXED_NOW }),
    log: () => {},
  });
  return async function app(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/presign-table") return presignTable();
    return (pathname.startsWith("/api/kling-push/") ? pushing : proxy)(request);
  };
}
