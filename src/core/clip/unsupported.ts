// What this browser cannot do, said to the person, and what inspect learnt for canPrepareClip.
// No media toolkit here: reading a clip and preparing one both use it, and neither should pull
// the other's part of the toolkit into its chunk.
import { KlingError } from "../errors";
import { codecName, type ClipInfo } from "./check";

/** The exact decoder configuration of clips `inspectClip` read, for `canPrepareClip` to ask about. */
export const decoderConfigs = new WeakMap<ClipInfo, VideoDecoderConfig>();

export function rememberDecoderConfig(info: ClipInfo, config: VideoDecoderConfig | null) {
  if (config) decoderConfigs.set(info, config);
}

export const hasWebCodecs = () => typeof VideoDecoder === "function" && typeof VideoEncoder === "function";

const H264_ADVICE = "export the clip as an H.264 MP4";

/** The `clip_unsupported` error for what this browser cannot do, saying what the person can do instead. */
export function unsupported(what: "read" | "webcodecs" | "decode" | "encode", codec?: string, cause?: unknown): KlingError {
  const messages = {
    read: `This file could not be read as a video. Pick an MP4, MOV or WebM clip, or ${H264_ADVICE} and pick it again.`,
    webcodecs: `This browser cannot convert video (it has no WebCodecs). Open the page in a current Chrome, Edge, Safari or Firefox, or ${H264_ADVICE} that fits the limits.`,
    decode:
      codec === "hevc"
        ? `This browser cannot read HEVC (H.265) video. Export the clip as an H.264 MP4 (on an iPhone: Settings › Camera › Formats › Most Compatible), or open the page in Safari, or in Chrome or Edge on Windows or macOS.`
        : `This browser cannot read ${codecName(codec ?? "unknown")} video. ${H264_ADVICE[0]!.toUpperCase()}${H264_ADVICE.slice(1)}, or open the page in another browser.`,
    encode: `This browser cannot write H.264 video. Open the page in Chrome, Edge or Safari, or ${H264_ADVICE} that fits the limits.`,
  };
  return new KlingError("clip_unsupported", { message: messages[what], cause });
}
