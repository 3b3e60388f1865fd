import { DEFAULT_LIMITS, type KlingLimits } from "./limits";
import { isHttpUrl } from "./validate";

/** What a user can upload: the source video, or a reference image. */
export type UploadKind = "video" | "image";

/** The file types the model takes, per kind: the file picker shows these, a drop must be one, the proxy signs no other. */
export const UPLOAD_TYPES: Readonly<Record<UploadKind, readonly string[]>> = {
  video: ["video/mp4", "video/quicktime"],
  image: ["image/jpeg", "image/png", "image/webp"],
};

/** What a browser says of a file it wants to upload (the body of `POST {proxyUrl}/uploads`). */
export interface UploadRequest {
  kind: UploadKind;
  /** The file's name as the user has it; shown and kept as metadata only, never used as a path. */
  name: string;
  /** MIME type, one of `UPLOAD_TYPES[kind]`. */
  type: string;
  /** Size in bytes. */
  size: number;
}

/** Why an upload was refused before a byte was sent; stable, so apps can translate by code. */
export type UploadIssueCode = "invalid_kind" | "invalid_type" | "too_large" | "empty" | "invalid_name";

export interface UploadIssue {
  code: UploadIssueCode;
  message: string;
}

const MAX_NAME_LENGTH = 1024;
const mebibytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The one rule for what may be uploaded: the browser runs it before sending a byte and the
 * proxy before signing anything. Undefined when the file may go.
 */
export function checkUpload(request: unknown, limits: Partial<KlingLimits> = {}): UploadIssue | undefined {
  const { maxVideoBytes, maxImageBytes } = { ...DEFAULT_LIMITS, ...limits };
  const raw = (typeof request === "object" && request !== null ? request : {}) as Record<string, unknown>;
  const kind = raw.kind;
  if (kind !== "video" && kind !== "image")
    return { code: "invalid_kind", message: 'The upload kind must be "video" or "image".' };
  if (typeof raw.type !== "string" || !UPLOAD_TYPES[kind].includes(raw.type.toLowerCase())) {
    return {
      code: "invalid_type",
      message:
        kind === "video" ? "The video must be an MP4 or MOV file." : "The image must be a JPEG, PNG or WebP file.",
    };
  }
  if (typeof raw.name !== "string" || raw.name.length > MAX_NAME_LENGTH) {
    return { code: "invalid_name", message: `The file name must be text of at most ${MAX_NAME_LENGTH} characters.` };
  }
  const size = raw.size;
  const max = kind === "video" ? maxVideoBytes : maxImageBytes;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    return { code: "empty", message: "The file size must be a whole number of bytes." };
  }
  if (size === 0) return { code: "empty", message: "The file is empty." };
  if (size > max)
    return { code: "too_large", message: `The file is ${mebibytes(size)}; the limit is ${mebibytes(max)}.` };
  return undefined;
}

/**
 * The answer of `POST {proxyUrl}/uploads`: the browser PUTs the file to `uploadUrl` with exactly
 * `headers` (and exactly `size` bytes), then submits `url` as the edit's `video_url` (or among
 * its `image_urls`). The server's `KlingUploadTicket` is this shape.
 */
export interface UploadTicket {
  /** Accepts one PUT of this one file until `expiresAt`. */
  uploadUrl: string;
  method: "PUT";
  /** Headers the PUT must carry, as they are: a signature may cover them. */
  headers: Record<string, string>;
  /** Where PixelDojo (and the editor's "before" video) reads the file; valid at least as long as a job takes. */
  url: string;
  /** When `uploadUrl` stops working (ISO 8601). */
  expiresAt: string;
}

/** `value` as a ticket when it is one (nothing but its five fields, each of the right shape); undefined otherwise. */
export function parseUploadTicket(value: unknown): UploadTicket | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { uploadUrl, method, headers, url, expiresAt } = value as Record<string, unknown>;
  if (!isHttpUrl(uploadUrl) || method !== "PUT" || !isHttpUrl(url)) return undefined;
  if (typeof expiresAt !== "string" || Number.isNaN(Date.parse(expiresAt))) return undefined;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) return undefined;
  const entries = Object.entries(headers);
  if (!entries.every(([, header]) => typeof header === "string")) return undefined;
  return { uploadUrl, method, headers: Object.fromEntries(entries) as Record<string, string>, url, expiresAt };
}
