import { s3Uploads, type S3Uploads, type S3UploadsOptions } from "../server/uploads/s3";
import type { SigV4Credentials } from "../server/uploads/sigv4";
import { checkPresigned, type PresignRefusal } from "./check-presigned";

export interface FakeStorageOptions {
  /**
   * Where the fake answers; objects are `{endpoint}/{bucket}/{key}`. Default
   * `https://storage.kling.test` (for msw in the browser). A dev server can mount it on its own
   * origin, e.g. `http://localhost:5173/__storage`, so that uploads need no CORS.
   */
  endpoint?: string;
  /** Default `"kling-fake"`. */
  bucket?: string;
  /** Default `"auto"`. */
  region?: string;
  /** The key pair the fake accepts signatures of. Defaults are fixed test values. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** The fake's clock, ms since the epoch. Default `Date.now()` plus whatever `advance()` added. */
  now?: () => number;
  /** Largest object accepted, bytes. Default 100 MiB (the model's video limit). */
  maxObjectBytes?: number;
}

export interface FakeStoredObject {
  key: string;
  /** The `content-type` it was put with, served back on every GET. */
  type: string;
  body: Uint8Array;
  storedAt: number;
}

export interface FakeStorageRequest {
  method: string;
  /** The object key, for a request inside the bucket. */
  key?: string;
  status: number;
  /** S3's error code, for a refusal. */
  code?: string;
  at: number;
}

export interface FakeStorage {
  /** Answers one request like a private S3 bucket that accepts presigned PUTs and GETs. */
  handle(request: Request): Promise<Response>;
  /** A `fetch` that the fake answers. */
  fetch: typeof fetch;
  /** `s3Uploads` options pointing at this fake, with its key and clock. */
  readonly uploadsOptions: S3UploadsOptions;
  /** `s3Uploads(uploadsOptions)`, for `createKlingProxy({ uploads })`; overrides for tests. */
  uploads(overrides?: Partial<S3UploadsOptions>): S3Uploads;
  readonly objects: ReadonlyMap<string, FakeStoredObject>;
  /** Every request, served or refused. */
  readonly requests: readonly FakeStorageRequest[];
  /** Moves the fake's clock forward (tickets from `uploads()` are signed on it too). */
  advance(ms: number): void;
  now(): number;
  /** Forgets objects and requests, and what `advance` added. */
  reset(): void;
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "content-length, content-range, accept-ranges, etag",
};

/** An S3-style XML error, so clients that read S3's codes read these too. */
function s3Error(status: number, code: string, message: string): Response {
  const escaped = message.replace(/[<>&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&amp;"));
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escaped}</Message></Error>`;
  return new Response(body, { status, headers: { "content-type": "application/xml", ...CORS } });
}

/** One `bytes=` range of `size`, as [start, end] inclusive; "invalid" is ignored (whole object), as S3 does. */
function rangeOf(header: string | null, size: number): [number, number] | "invalid" | "unsatisfiable" | undefined {
  if (header === null) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return "invalid";
  if (match[1] === "") {
    const suffix = Number(match[2]);
    return suffix === 0 ? "unsatisfiable" : [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== "" && Number(match[2]) < start) return "invalid";
  return start >= size ? "unsatisfiable" : [start, end];
}

/**
 * An in-memory S3-compatible bucket for the simulated mode (Storybook, the example app, tests):
 * it accepts the presigned PUTs of `storage.uploads()` (checking signature, expiry and signed
 * headers with the same key), serves stored objects to presigned GETs with `Range` support and
 * their content type (so a `<video>` plays them), and refuses everything else as S3 would.
 */
export function createFakeStorage(options: FakeStorageOptions = {}): FakeStorage {
  const endpoint = (options.endpoint ?? "https://storage.kling.test").replace(/\/+$/, "");
  const bucket = options.bucket ?? "kling-fake";
  const maxObjectBytes = options.maxObjectBytes ?? 100 * 1024 * 1024;
  const credentials: SigV4Credentials = {
    accessKeyId: options.accessKeyId ?? "FAKEKLINGSTORAGE",
    secretAccessKey: options.secretAccessKey ?? "fake-kling-storage-secret",
    region: options.region ?? "auto",
    service: "s3",
  };
  let offset = 0;
  const now = () => (options.now ? options.now() : Date.now()) + offset;
  const uploadsOptions: S3UploadsOptions = {
    endpoint,
    bucket,
    region: credentials.region,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    now,
  };
  // Checked now, the way s3Uploads checks it: a bad endpoint or bucket fails here, not at the first upload.
  s3Uploads(uploadsOptions);
  const objects = new Map<string, FakeStoredObject>();
  let requests: FakeStorageRequest[] = [];
  const bucketRoot = `${endpoint}/${bucket}/`;

  async function answer(request: Request, record: FakeStorageRequest): Promise<Response> {
    const url = new URL(request.url);
    const target = url.origin + url.pathname;
    if (!target.startsWith(bucketRoot)) {
      return target.startsWith(`${endpoint}/`)
        ? s3Error(404, "NoSuchBucket", `This storage has one bucket, ${bucket}.`)
        : s3Error(404, "NotFound", `The fake storage does not serve ${target}.`);
    }
    let key: string;
    try {
      key = decodeURIComponent(url.pathname.slice(new URL(bucketRoot).pathname.length));
    } catch {
      return s3Error(400, "InvalidURI", "The object name is not a valid URI path.");
    }
    record.key = key;
    if (request.method === "OPTIONS") {
      // The CORS preflight of a browser's PUT: unsigned, as browsers send it.
      const headers = {
        ...CORS,
        "access-control-allow-methods": "GET, HEAD, PUT",
        "access-control-allow-headers": "content-type, range",
        "access-control-max-age": "600",
      };
      return new Response(null, { status: 204, headers });
    }
    if (!["GET", "HEAD", "PUT"].includes(request.method)) {
      return s3Error(
        405,
        "MethodNotAllowed",
        `${request.method} is not allowed: this storage takes presigned PUTs and GETs.`,
      );
    }
    if (key === "" || key.endsWith("/")) return s3Error(400, "InvalidRequest", "Name an object, not a folder.");
    if (!url.searchParams.has("X-Amz-Signature")) {
      return s3Error(403, "AccessDenied", "This bucket is private: use a presigned URL.");
    }

    let body: Uint8Array | undefined;
    if (request.method === "PUT") {
      if (Number(request.headers.get("content-length") ?? 0) > maxObjectBytes) {
        return s3Error(400, "EntityTooLarge", `Objects here are at most ${maxObjectBytes} bytes.`);
      }
      body = new Uint8Array(await request.arrayBuffer());
      if (body.byteLength > maxObjectBytes)
        return s3Error(400, "EntityTooLarge", `Objects here are at most ${maxObjectBytes} bytes.`);
    }
    // A signed content-length is checked against the bytes that actually came.
    const length = body && String(body.byteLength);
    const refusal: PresignRefusal | undefined = await checkPresigned(credentials, {
      method: request.method === "HEAD" ? "GET" : request.method,
      url: request.url,
      header: (name) => (name === "content-length" && length !== undefined ? length : request.headers.get(name)),
      now: now(),
    });
    if (refusal) return s3Error(refusal.status, refusal.code, refusal.message);

    if (body) {
      const type = request.headers.get("content-type") ?? "application/octet-stream";
      objects.set(key, { key, type, body, storedAt: now() });
      return new Response(null, { status: 200, headers: CORS });
    }
    const object = objects.get(key);
    if (!object) return s3Error(404, "NoSuchKey", "The object does not exist.");
    return serve(object, request);
  }

  function serve(object: FakeStoredObject, request: Request): Response {
    const size = object.body.byteLength;
    const range = rangeOf(request.headers.get("range"), size);
    const headers: Record<string, string> = { ...CORS, "content-type": object.type, "accept-ranges": "bytes" };
    if (range === "unsatisfiable") {
      return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${size}` } });
    }
    const [start, end] = Array.isArray(range) ? range : [0, size - 1];
    const part = object.body.slice(start, end + 1);
    headers["content-length"] = String(part.byteLength);
    if (Array.isArray(range)) headers["content-range"] = `bytes ${start}-${end}/${size}`;
    return new Response(request.method === "HEAD" ? null : part, { status: Array.isArray(range) ? 206 : 200, headers });
  }

  async function handle(request: Request): Promise<Response> {
    const record: FakeStorageRequest = { method: request.method, status: 0, at: now() };
    requests.push(record);
    const response = await answer(request, record);
    record.status = response.status;
    if (response.status >= 400 && response.headers.get("content-type") === "application/xml") {
      record.code = /<Code>([^<]+)<\/Code>/.exec(await response.clone().text())?.[1];
    }
    return response;
  }

  return {
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    uploadsOptions,
    uploads: (overrides = {}) => s3Uploads({ ...uploadsOptions, ...overrides }),
    objects,
    get requests() {
      return requests;
    },
    advance(ms) {
      offset += ms;
    },
    now,
    reset() {
      objects.clear();
      requests = [];
      offset = 0;
    },
  };
}
