// The browser command that hands clip tests their clips: made by ffmpeg on the Node side the
// first time any test asks (so other browser tests never wait for them), then served by the
// test server from the gitignored folder.
import type { BrowserCommand } from "vitest/node";
import { CLIPS_URL, makeClips, type ClipFiles, type ClipName } from "./make-clips.ts";

declare module "vitest/browser" {
  interface BrowserCommands {
    /** The URL path of a test clip, made first when missing. */
    testClipUrl: (name: ClipName) => Promise<string>;
  }
}

let making: Promise<ClipFiles> | undefined;

export const testClipUrl: BrowserCommand<[name: ClipName]> = async (_context, name) => {
  making ??= makeClips().catch((error: unknown) => {
    making = undefined;
    throw error;
  });
  return `${CLIPS_URL}${(await making)[name]}`;
};
