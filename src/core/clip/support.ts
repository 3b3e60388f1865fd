import { canEncodeVideo } from "mediabunny";
import type { KlingLimits } from "../limits";
import { fitClipSize, type ClipInfo } from "./check";
import { decoderConfigs, hasWebCodecs } from "./unsupported";

// For a ClipInfo made elsewhere (a copy, figures from a server): a common profile of each codec.
const SAMPLE_CODECS: Record<string, string> = {
  avc: "avc1.640028",
  hevc: "hvc1.1.6.L120.90",
  vp8: "vp8",
  vp9: "vp09.00.40.08",
  av1: "av01.0.08M.08",
};

/** Whether this browser can decode the clip's video and encode the H.264 the prepared clip needs. */
export async function canPrepareClip(info: ClipInfo, limits: Partial<KlingLimits> = {}): Promise<boolean> {
  if (!hasWebCodecs()) return false;
  const config = decoderConfigs.get(info) ?? (SAMPLE_CODECS[info.videoCodec] ? { codec: SAMPLE_CODECS[info.videoCodec]! } : undefined);
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
