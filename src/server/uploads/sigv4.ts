// AWS Signature Version 4, query form ("presigned URLs"), for one S3 object. Web Crypto only,
// so it runs wherever the proxy runs (Node, workerd, Deno, Bun) and needs no AWS SDK.

const encoder = new TextEncoder();

/** SigV4 caps a presigned URL at 7 days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
/** Presigned S3 URLs never sign the body: the uploader streams it. */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
export const ALGORITHM = "AWS4-HMAC-SHA256";

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** `s3` for every S3-compatible store. */
  service: string;
}

/**
 * SigV4's URI encoding: every UTF-8 byte but `A-Z a-z 0-9 - . _ ~` as `%XX` in upper-case hex;
 * with `path`, `/` stays as it is (S3 object keys keep their slashes).
 */
export function uriEncode(text: string, { path = false }: { path?: boolean } = {}): string {
  let out = "";
  for (const byte of encoder.encode(text)) {
    const char = String.fromCharCode(byte);
    out +=
      /[A-Za-z0-9\-._~]/.test(char) || (path && char === "/")
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `20130524T000000Z`: the timestamp form that SigV4 signs. */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
}

const toHex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

export async function hmacSha256(key: ArrayBuffer | Uint8Array<ArrayBuffer>, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(data));
}

/** The key of one day, region and service, derived from the secret as SigV4 prescribes. */
export async function signingKey(secret: string, day: string, region: string, service: string): Promise<ArrayBuffer> {
  let key = await hmacSha256(encoder.encode(`AWS4${secret}`), day);
  for (const part of [region, service, "aws4_request"]) key = await hmacSha256(key, part);
  return key;
}

export interface CanonicalRequest {
  method: string;
  /** The path exactly as sent, already URI-encoded (S3 signs it as it is, not normalised). */
  path: string;
  /** Query parameters, not encoded. */
  query: ReadonlyArray<readonly [string, string]>;
  /** The signed headers with the values the request carries; names in any case. */
  headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

/** Query parameters encoded and sorted, as signed and as sent. */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** The names of signed headers, lower-case, sorted, `;`-joined: the `SignedHeaders` value. */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort()
    .join(";");
}

export function canonicalRequestText({ method, path, query, headers, payloadHash }: CanonicalRequest): string {
  const lines = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/ +/g, " ")] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}:${value}\n`)
    .join("");
  return [method, path, canonicalQuery(query), lines, signedHeaderNames(headers), payloadHash].join("\n");
}

/** `{day}/{region}/{service}/aws4_request`. */
export const credentialScope = (day: string, { region, service }: Pick<SigV4Credentials, "region" | "service">) =>
  `${day}/${region}/${service}/aws4_request`;

/** The hex signature of a canonical request made at `timestamp` (`amzDate` form). */
export async function signatureOf(
  credentials: SigV4Credentials,
  timestamp: string,
  request: CanonicalRequest,
): Promise<string> {
  const day = timestamp.slice(0, 8);
  const text = [
    ALGORITHM,
    timestamp,
    credentialScope(day, credentials),
    await sha256Hex(canonicalRequestText(request)),
  ].join("\n");
  const key = await signingKey(credentials.secretAccessKey, day, credentials.region, credentials.service);
  return toHex(await hmacSha256(key, text));
}

export interface PresignTarget {
  method: "GET" | "PUT";
  /** `https://host[:port]`, no path. */
  origin: string;
  /** The URI-encoded path: `/{bucket}/{key}` (path-style) or `/{key}` (virtual-hosted). */
  path: string;
  /** Headers the request must carry with exactly these values, signed besides `host`. */
  headers?: Readonly<Record<string, string>>;
  /** Seconds the URL stays valid: 1 to `MAX_PRESIGN_SECONDS`. */
  expiresInSeconds: number;
  /** Signing time, ms since the epoch. */
  now: number;
}

/** The query parameters that carry the signature's scope, in the order they are sent. */
function authQuery(credentials: SigV4Credentials, timestamp: string, expiresInSeconds: number, signedHeaders: string) {
  return [
    ["X-Amz-Algorithm", ALGORITHM],
    ["X-Amz-Credential", `${credentials.accessKeyId}/${credentialScope(timestamp.slice(0, 8), credentials)}`],
    ["X-Amz-Date", timestamp],
    ["X-Amz-Expires", String(expiresInSeconds)],
    ["X-Amz-SignedHeaders", signedHeaders],
  ] as const;
}

/** A URL that lets its holder make one kind of request to one object until it expires. */
export async function presignUrl(credentials: SigV4Credentials, target: PresignTarget): Promise<string> {
  const { expiresInSeconds } = target;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_PRESIGN_SECONDS) {
    throw new RangeError(`A presigned URL lasts 1 to ${MAX_PRESIGN_SECONDS} seconds; got ${expiresInSeconds}.`);
  }
  const headers = { ...target.headers, host: new URL(target.origin).host };
  const timestamp = amzDate(target.now);
  const query = authQuery(credentials, timestamp, expiresInSeconds, signedHeaderNames(headers));
  const request = { method: target.method, path: target.path, query, headers, payloadHash: UNSIGNED_PAYLOAD };
  const signature = await signatureOf(credentials, timestamp, request);
  return `${target.origin}${target.path}?${canonicalQuery(query)}&X-Amz-Signature=${signature}`;
}
