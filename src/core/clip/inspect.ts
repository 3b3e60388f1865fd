import { BlobSource, Input, MATROSKA, MP4, QTFF, WEBM, type InputFormat, type InputVideoTrack } from "mediabunny";
import { KlingError } from "../errors";
import type { ClipInfo, ClipRotation } from "./check";
import { rememberDecoderConfig, unsupported } from "./support";

const CONTAINERS: Record<string, string> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
  "video/x-matroska": "mkv",
};

const containerOf = (format: InputFormat) => CONTAINERS[format.mimeType] ?? "unknown";

// The containers video clips come in (phones, cameras, screen recorders); the toolkit's others
// (HLS, MPEG-TS, audio files) would cost a third more of the chunk for files nobody picks here.
const FORMATS = [MP4, QTFF, MATROSKA, WEBM];

/** An opened clip: the toolkit's input and its video track, for inspect and prepare alike. */
export interface OpenedClip {
  input: Input<BlobSource>;
  video: InputVideoTrack;
  info: ClipInfo;
}

/**
 * Opens a clip and reads its metadata: the container's header, the sample tables (or the first
 * packets, for the frame rate) and no decoding. The caller disposes `input`.
 */
export async function openClip(file: Blob): Promise<OpenedClip> {
  const input = new Input({ source: new BlobSource(file), formats: FORMATS });
  try {
    const format = await input.getFormat().catch((cause: unknown) => {
      throw new KlingError("clip_unsupported", {
        message: "This file is not a video this page can read. Pick an MP4, MOV, WebM or MKV clip.",
        cause,
      });
    });
    const video = await input.getPrimaryVideoTrack();
    if (!video) {
      throw new KlingError("clip_unsupported", { message: "This file has no video in it. Pick a video clip." });
    }
    const [audio] = await input.getAudioTracks();
    const [durationSeconds, metrics, config] = await Promise.all([
      input.computeDuration(),
      // 256 packets' timestamps (the toolkit's advice for a reliable figure), read, not decoded.
      video.computeFrameRateMetrics().catch(() => undefined),
      video.getDecoderConfig().catch(() => null),
    ]);
    const info: ClipInfo = {
      durationSeconds,
      width: video.displayWidth,
      height: video.displayHeight,
      fps: metrics ? Math.round(metrics.bestGuessFrameRate * 1000) / 1000 : 0,
      videoCodec: video.codec ?? "unknown",
      audioCodec: audio ? (audio.codec ?? "unknown") : null,
      container: containerOf(format),
      bytes: file.size,
      rotation: video.rotation as ClipRotation,
    };
    rememberDecoderConfig(info, config);
    return { input, video, info };
  } catch (error) {
    input.dispose();
    throw error instanceof KlingError ? error : unsupported("read", undefined, error);
  }
}

export async function inspectClip(file: Blob): Promise<ClipInfo> {
  const { input, info } = await openClip(file);
  input.dispose();
  return info;
}
