import { baseUrl } from "../../core/base-url";
import { UPLOAD_TYPES, type UploadKind } from "../../core/uploads";
import { hmacSha256, MAX_PRESIGN_SECONDS, presignUrl, uriEncode, type SigV4Credentials } from "./sigv4";
import type { KlingPresignRequest, KlingUploadTicket, KlingUploads } from "./types";

export interface S3UploadsOptions {
  /**
   * An S3-compatible endpoint, e.g. `https://<account>.r2.cloudflarestorage.com` (Cloudflare R2)
   * or `http://127.0.0.1:9000` (MinIO). Objects are then addressed path-style,
   * `{endpoint}/{bucket}/{key}`. Default: AWS S3, `https://{bucket}.s3.{region}.amazonaws.com/{key}`.
   */
  endpoint?: string;
  bucket: string;
  /** The bucket's region, e.g. `eu-west-1`; `auto` for R2. */
  region: string;
  /** A long-lived key allowed to put and get objects in the bucket (temporary keys would cut URLs short). */
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * Where the bucket's objects can be read publicly (a CDN, an R2 custom domain): `url` is then
   * `{publicBaseUrl}/{key}`, which never expires. Default: `url` is a presigned GET.
   */
  publicBaseUrl?: string;
  /** Folder for every upload. Default `"kling-uploads/"`. */
  prefix?: string;
  /** Seconds the PUT URL stays valid. Default 900 (15 min): enough to start a large upload and retry it. */
  uploadExpiresInSeconds?: number;
  /**
   * Seconds the presigned GET `url` stays valid. PixelDojo reads it while the job runs and the
   * editor shows it beside the result, whose URL lives 24 h. Default 86,400 (24 h);
   * 3,600 to 604,800 (7 days, SigV4's limit).
   */
  readExpiresInSeconds?: number;
  /**
   * Sign `content-length` as well, so the PUT must carry exactly the `size` that was checked.
   * Default true; turn off only for a storage that refuses a signed length.
   */
  signContentLength?: boolean;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Random bytes for object names. Default Web Crypto's `getRandomValues`. For tests. */
  randomBytes?: (length: number) => Uint8Array;
}

/** `s3Uploads`' storage: the proxy's `uploads` option, and the folder rule for apps that clean up. */
export interface S3Uploads extends KlingUploads {
  /**
   * The folder (ending in `/`) that one user's uploads go to: a keyed hash of the owner, so no
   * URL reveals who uploaded. For an app that lists or deletes a user's files.
   */
  folderOf(owner: string): Promise<string>;
}

export const DEFAULT_UPLOAD_PREFIX = "kling-uploads/";
export const DEFAULT_UPLOAD_EXPIRES_SECONDS = 15 * 60;
export const DEFAULT_READ_EXPIRES_SECONDS = 24 * 3600;
const MIN_READ_EXPIRES_SECONDS = 3600;

/** The extension an object gets for each type the model takes. */
export const UPLOAD_EXTENSIONS: Readonly<Record<string, string>> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]{1,32}$/;
const ACCESS_KEY_ID = /^[\x21-\x2e\x30-\x7e]{1,128}$/; // printable ASCII without "/" (the scope separator)
const PREFIX_SEGMENT = /^[A-Za-z0-9!_.*'()-]+$/;
const ID_BYTES = 16;
const FOLDER_BYTES = 16;

const fail = (message: string): never => {
  throw new TypeError(`s3Uploads: ${message}`);
};

/** An absolute http(s) URL without credentials, query or hash, as `origin + path` without a trailing slash. */
function storageBase(value: unknown, name: string): { origin: string; path: string } {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  // Echoed to help with typos, but never with credentials in it.
  const shown = JSON.stringify(typeof value === "string" ? value.replace(/\/\/[^/]*@/, "//[credentials]@") : value);
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    /[?#]/.test(String(value))
  ) {
    return fail(`${name} must be an absolute http(s) URL without credentials, query or hash; got ${shown}.`);
  }
  // The one base-URL rule (no trailing slash), as a path below the origin.
  const path = baseUrl(url.href).slice(url.origin.length);
  if (!/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*$/.test(path))
    fail(`${name} has a path that cannot prefix object keys: ${shown}.`);
  return { origin: url.origin, path };
}

function seconds(value: number | undefined, fallback: number, min: number, name: string): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > MAX_PRESIGN_SECONDS) {
    fail(`${name} must be a whole number of seconds from ${min} to ${MAX_PRESIGN_SECONDS} (7 days); got ${value}.`);
  }
  return chosen;
}

function normalizePrefix(prefix: unknown): string {
  if (typeof prefix !== "string" || prefix.length > 256) return fail("prefix must be text of at most 256 characters.");
  const trimmed = prefix.replace(/\/+$/, "");
  if (trimmed === "") return "";
  const segments = trimmed.split("/");
  if (segments.some((segment) => !PREFIX_SEGMENT.test(segment) || segment === "." || segment === "..")) {
    fail(
      `prefix must be folder names of letters, digits and !_.*'()- separated by "/"; got ${JSON.stringify(prefix)}.`,
    );
  }
  return `${trimmed}/`;
}

const hex = (bytes: Uint8Array | ArrayBuffer) =>
  Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );

/** Every option checked once: a misconfigured storage fails when the server starts, not at the first upload. */
function resolve(options: S3UploadsOptions) {
  if (typeof options !== "object" || options === null)
    fail("options are required: { bucket, region, accessKeyId, secretAccessKey }.");
  if (typeof globalThis.crypto?.subtle?.importKey !== "function") {
    fail("Web Crypto (globalThis.crypto.subtle) is not available; Node 19 or later has it.");
  }
  const { bucket, region, accessKeyId, secretAccessKey } = options;
  if (typeof bucket !== "string" || !BUCKET.test(bucket)) {
    fail(
      `bucket must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens); got ${JSON.stringify(bucket)}.`,
    );
  }
  if (typeof region !== "string" || !REGION.test(region))
    fail(`region must look like "us-east-1" (or "auto" for R2); got ${JSON.stringify(region)}.`);
  if (options.endpoint === undefined && bucket.includes(".")) {
    fail(`a bucket name with dots needs path-style addressing: pass endpoint "https://s3.${region}.amazonaws.com".`);
  }
  // The key id and secret are never echoed in an error: logs are no place for them.
  if (typeof accessKeyId !== "string" || !ACCESS_KEY_ID.test(accessKeyId)) {
    fail("accessKeyId must be the storage's access key id (printable characters, no spaces or slashes).");
  }
  if (typeof secretAccessKey !== "string" || secretAccessKey === "") fail("secretAccessKey is required.");
  if (secretAccessKey.trim() !== secretAccessKey)
    fail("secretAccessKey has spaces or a line break at one end; check how it was copied.");

  const endpoint = options.endpoint === undefined ? undefined : storageBase(options.endpoint, "endpoint");
  // Path-style on a custom endpoint; AWS's own virtual-hosted style otherwise.
  const root = endpoint
    ? { origin: endpoint.origin, path: `${endpoint.path}/${bucket}` }
    : { origin: `https://${bucket}.s3.${region}.amazonaws.com`, path: "" };
  const publicBase =
    options.publicBaseUrl === undefined ? undefined : storageBase(options.publicBaseUrl, "publicBaseUrl");
  if (options.now !== undefined && typeof options.now !== "function")
    fail("now must be a function returning ms since the epoch.");
  if (options.randomBytes !== undefined && typeof options.randomBytes !== "function")
    fail("randomBytes must be a function.");
  return {
    credentials: { accessKeyId, secretAccessKey, region, service: "s3" } satisfies SigV4Credentials,
    root,
    publicBase,
    prefix: normalizePrefix(options.prefix ?? DEFAULT_UPLOAD_PREFIX),
    uploadExpires: seconds(options.uploadExpiresInSeconds, DEFAULT_UPLOAD_EXPIRES_SECONDS, 1, "uploadExpiresInSeconds"),
    readExpires: seconds(
      options.readExpiresInSeconds,
      DEFAULT_READ_EXPIRES_SECONDS,
      MIN_READ_EXPIRES_SECONDS,
      "readExpiresInSeconds",
    ),
    signContentLength: options.signContentLength ?? true,
    now: options.now ?? Date.now,
    randomBytes: options.randomBytes ?? ((length: number) => crypto.getRandomValues(new Uint8Array(length))),
  };
}

/** The request `presign` is given, refused when it is not one the proxy could have checked. */
function checked({ owner, kind, type, size }: KlingPresignRequest): { type: string; extension: string } {
  if (typeof owner !== "string" || owner === "") fail("presign needs the owner (the user that `identify` named).");
  const normalized = typeof type === "string" ? type.toLowerCase() : "";
  const types: readonly string[] | undefined = UPLOAD_TYPES[kind as UploadKind];
  const extension = UPLOAD_EXTENSIONS[normalized];
  if (!types?.includes(normalized) || !extension)
    fail(`presign cannot sign a ${String(kind)} of type ${JSON.stringify(type)}.`);
  if (!Number.isSafeInteger(size) || size < 1)
    fail("presign needs the file's size as a positive whole number of bytes.");
  return { type: normalized, extension: extension! };
}

/**
 * Uploads to any S3-compatible storage (AWS S3, Cloudflare R2, MinIO, Backblaze B2), signed
 * with SigV4 on Web Crypto: `createKlingProxy({ uploads: s3Uploads({ ... }) })`.
 *
 * Each ticket is one presigned PUT of one new object, `{prefix}{folderOf(owner)}{random id}.{ext}`:
 * the key never holds the user's id or file name, the signature covers the content type (and
 * length), and `url` is a presigned GET (or `publicBaseUrl` + key). The bucket needs a CORS rule
 * that allows PUT with `content-type` from the app's origin.
 */
export function s3Uploads(options: S3UploadsOptions): S3Uploads {
  const settings = resolve(options);
  const { credentials, root, publicBase, prefix } = settings;
  const folderKey = new TextEncoder().encode(`react-kling-edit uploads\n${credentials.secretAccessKey}`);

  async function folderOf(owner: string): Promise<string> {
    if (typeof owner !== "string" || owner === "") fail("folderOf needs the owner.");
    return `${prefix}${hex((await hmacSha256(folderKey, owner)).slice(0, FOLDER_BYTES))}/`;
  }

  function randomId(): string {
    const bytes = settings.randomBytes(ID_BYTES);
    if (!(bytes instanceof Uint8Array) || bytes.length !== ID_BYTES)
      fail(`randomBytes(${ID_BYTES}) must return ${ID_BYTES} bytes.`);
    return hex(bytes);
  }

  async function presign(request: KlingPresignRequest): Promise<KlingUploadTicket> {
    const { type, extension } = checked(request);
    const clock = settings.now();
    if (!Number.isFinite(clock)) fail("now() must return ms since the epoch.");
    // SigV4 signs whole seconds: the ticket's expiry is counted from the second it names.
    const now = Math.floor(clock / 1000) * 1000;
    const key = `${await folderOf(request.owner)}${randomId()}.${extension}`;
    const path = `${root.path}/${uriEncode(key, { path: true })}`;
    const headers: Record<string, string> = { "content-type": type };
    const signed = settings.signContentLength ? { ...headers, "content-length": String(request.size) } : headers;
    const uploadUrl = await presignUrl(credentials, {
      method: "PUT",
      origin: root.origin,
      path,
      headers: signed,
      expiresInSeconds: settings.uploadExpires,
      now,
    });
    const url = publicBase
      ? `${publicBase.origin}${publicBase.path}/${uriEncode(key, { path: true })}`
      : await presignUrl(credentials, {
          method: "GET",
          origin: root.origin,
          path,
          expiresInSeconds: settings.readExpires,
          now,
        });
    return {
      uploadUrl,
      method: "PUT",
      headers,
      url,
      expiresAt: new Date(now + settings.uploadExpires * 1000).toISOString(),
    };
  }

  return { presign, folderOf };
}
