import { DEFAULT_LIMITS, type KlingLimits } from "./limits";

// The ticket, the answer to an upload request, is read in its own module (see there).
export type { UploadTicket } from "./upload-ticket";

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
  if (kind !== "video" && kind !== "image") return { code: "invalid_kind", message: 'The upload kind must be "video" or "image".' };
  if (typeof raw.type !== "string" || !UPLOAD_TYPES[kind].includes(raw.type.toLowerCase())) {
    return {
      code: "invalid_type",
      message: kind === "video" ? "The video must be an MP4 or MOV file." : "The image must be a JPEG, PNG or WebP file.",
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
  if (size > max) return { code: "too_large", message: `The file is ${mebibytes(size)}; the limit is ${mebibytes(max)}.` };
  return undefined;
}
