// Shared pieces of the upload tests: the sample clip, the browser's request, the route's ticket.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { answerUpload, readUploadRequest } from "../../src/server/uploads/route";
import type { KlingUploadTicket, KlingUploads } from "../../src/server/uploads/types";

/**
 * public/samples/source.mp4: a 4 s H.264 clip of about 70 kB. By path: under jsdom, Vite turns
 * `new URL("…/public/…", import.meta.url)` into the page URL of the public file.
 */
export const clip = new Uint8Array(
  await readFile(join(dirname(fileURLToPath(import.meta.url)), "../../public/samples/source.mp4")),
);

/** What `presign` is asked for the clip by user `alice`. */
export const CLIP_UPLOAD = {
  owner: "alice",
  kind: "video" as const,
  type: "video/mp4",
  size: clip.byteLength,
  name: "source.mp4",
};

/** `POST {proxyUrl}/uploads` as the browser sends it. */
export const uploadRequest = (
  body: unknown,
  headers: Record<string, string> = { "content-type": "application/json" },
) =>
  new Request("https://app.example/api/kling/uploads", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** The ticket the route's two halves answer for the clip, as the browser reads it. */
export async function ticketThroughRoute(
  uploads: KlingUploads,
  owner: string,
  name = "source.mp4",
): Promise<KlingUploadTicket> {
  const read = await readUploadRequest(
    uploadRequest({ kind: "video", name, type: "video/mp4", size: clip.byteLength }),
  );
  if (!read.ok) throw new Error(read.answer.message);
  return (await (await answerUpload(uploads, owner, read.value)).json()) as KlingUploadTicket;
}

/** S3's error code in an XML error body. */
export const codeOf = async (response: Response) => /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1];
