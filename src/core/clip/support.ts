import { canEncodeVideo } from "mediabunny";
import { KlingError } from "../errors";
import type { KlingLimits } from "../limits";
import { codecName, fitClipSize, type ClipInfo } from "./check";

/** The exact decoder configuration of clips `inspectClip` read, for `canPrepareClip` to ask about. */
const decoderConfigs = new WeakMap<ClipInfo, VideoDecoderConfig>();

export function rememberDecoderConfig(info: ClipInfo, config: VideoDecoderConfig | null) {
  if (config) decoderConfigs.set(info, config);
}

// For a ClipInfo made elsewhere (a copy, figures from a server): a common profile of each codec.
const SAMPLE_CODECS: Record<string, string> = {
  avc: "avc1.640028",
  hevc: "hvc1.1.6.L120.90",
  vp8: "vp8",
  vp9: "vp09.00.40.08",
  av1: "av01.0.08M.08",
};

export const hasWebCodecs = () => typeof VideoDecoder === "function" && typeof VideoEncoder === "function";

const H264_ADVICE = "export the clip as an H.264 MP4";

/** The `clip_unsupported` error for what this browser cannot do, saying what the person can do instead. */
export function unsupported(
  what: "read" | "webcodecs" | "decode" | "encode",
  codec?: string,
  cause?: unknown,
): KlingError {
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

/** Whether this browser can decode the clip's video and encode the H.264 the prepared clip needs. */
export async function canPrepareClip(info: ClipInfo, limits: Partial<KlingLimits> = {}): Promise<boolean> {
  if (!hasWebCodecs()) return false;
  const config =
    decoderConfigs.get(info) ??
    (SAMPLE_CODECS[info.videoCodec] ? { codec: SAMPLE_CODECS[info.videoCodec]! } : undefined);
  if (!config) return false;
  try {
    const { supported } = await VideoDecoder.isConfigSupported(config);
    if (!supported) return false;
    const size = fitClipSize(info.width, info.height, limits) ?? { width: info.width, height: info.height };
    return await canEncodeVideo("avc", size);
  } catch {
    // isConfigSupported throws (TypeError) on a configuration it cannot parse: not decodable here.
    return false;
  }
}
