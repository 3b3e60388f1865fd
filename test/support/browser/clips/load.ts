import { commands } from "vitest/browser";
import type { ClipName } from "./make-clips";

/** A test clip as a person would pick it: a File with the name and type a file picker gives. */
export async function loadClip(name: ClipName): Promise<File> {
  const url = await commands.testClipUrl(name);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const fileName = url.slice(url.lastIndexOf("/") + 1);
  const type = { mp4: "video/mp4", mov: "video/quicktime", webm: "video/webm" }[fileName.split(".").pop()!] ?? "";
  return new File([await response.blob()], fileName, { type });
}

/**
 * Waits until ffmpeg has made the clips (the first ask makes all of them: up to a minute on a
 * fresh machine), so that no test's own timeout pays for it. For each file's `beforeAll`.
 */
export const clipsReady = async () => void (await commands.testClipUrl("fits"));
export const CLIPS_READY_MS = 300_000;
