import type { UploadKind, UploadTicket } from "../../core/uploads";

/**
 * What the proxy asks a storage to sign, after it has identified the user, checked the file
 * (kind, type and size against the model's limits) and heard `authorize` say yes.
 */
export interface KlingPresignRequest {
  /** The user, as `identify` named them. Uploads of different owners never share a folder. */
  owner: string;
  kind: UploadKind;
  /** The file's MIME type, lower-case, one of `UPLOAD_TYPES[kind]`. */
  type: string;
  /** The file's exact size in bytes. */
  size: number;
  /** The user's name for the file: for display or metadata only, never part of a path. */
  name: string;
}

/**
 * One upload, as `POST {proxyUrl}/uploads` answers it: the core's `UploadTicket` (the browser
 * PUTs the file to `uploadUrl` with exactly `headers`, then submits `url`).
 */
export type KlingUploadTicket = UploadTicket;

/**
 * The storage behind `POST {proxyUrl}/uploads`: `s3Uploads(...)` for any S3-compatible store,
 * or your own for another (uploadthing, Vercel Blob, Google Cloud Storage):
 *
 * ```ts
 * const uploads: KlingUploads = {
 *   async presign({ owner, type, size }) {
 *     const key = `kling/${await hashOf(owner)}/${crypto.randomUUID()}`; // choose the key yourself
 *     const { uploadUrl, readUrl } = await myStorage.signPut(key, { type, size, expiresIn: 900 });
 *     return { uploadUrl, method: "PUT", headers: { "content-type": type }, url: readUrl,
 *              expiresAt: new Date(Date.now() + 900_000).toISOString() };
 *   },
 * };
 * ```
 *
 * Rules an implementation keeps: choose the key itself (per owner; never the client's file
 * name as a path), bind the ticket to this one object, type and (where the storage can) size,
 * keep `url` readable for as long as a job and its result live (a day is a good default), and
 * never put a secret in the ticket. A throw answers the browser 500 `internal_error`; the error
 * reaches the proxy's log, never the browser.
 */
export interface KlingUploads {
  presign(request: KlingPresignRequest): Promise<KlingUploadTicket>;
}
