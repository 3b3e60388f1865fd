import {
  BufferTarget,
  canEncodeAudio,
  Conversion,
  Mp4OutputFormat,
  Output,
  Quality,
  type AudioCodec,
  type ConversionAudioOptions,
  type ConversionVideoOptions,
  type VideoCodec,
} from "mediabunny";
import { KlingError } from "../errors";
import type { ClipInfo } from "./check";
import type { ClipAudio, ClipChange, PrepareClipOptions, PreparedClip } from "./types";
import { inspectClip, openClip } from "./inspect";
import { planClip, VIDEO_SHARE, type ClipPlan } from "./plan";
import { hasWebCodecs, unsupported } from "./support";

type Opened = Awaited<ReturnType<typeof openClip>>;

const mp4Name = (file: Blob) => {
  const name = file instanceof File && file.name ? file.name.replace(/\.[^./]*$/, "") : "clip";
  return `${name}.mp4`;
};

const asFile = (file: Blob, info: ClipInfo) =>
  file instanceof File ? file : new File([file], `clip.${info.container}`, { type: file.type });

/**
 * Refuses at once where WebCodecs is missing. Whether this codec decodes and H.264 encodes at
 * this size the toolkit asks while it sets up (it leaves out a track it cannot convert, and
 * `convert` turns that into the same error): asking twice costs a round trip to the media
 * process each, a tenth of a second on a busy machine.
 */
function checkSupport(plan: ClipPlan) {
  if (plan.transcode && !hasWebCodecs()) throw unsupported("webcodecs");
}

function videoOptions(plan: ClipPlan, info: ClipInfo): ConversionVideoOptions {
  // Copying: no option that makes the toolkit re-encode (it would for any size, rate or quality).
  if (!plan.transcode) return { codec: info.videoCodec as VideoCodec };
  return {
    codec: "avc",
    forceTranscode: true,
    width: plan.size.width,
    height: plan.size.height,
    // The size keeps the aspect to the pixel already; "fill" only absorbs the rounding to even sides.
    fit: "fill",
    ...(plan.fps !== undefined && { frameRate: plan.fps }),
    // A size to keep: constant rate control, which overshoots least.
    ...(plan.bitrate !== undefined && { quality: new Quality({ bitrate: plan.bitrate, bitrateMode: "constant" }) }),
  };
}

/**
 * The codec the sound is written in: AAC (copied when it is AAC, else re-encoded) where this
 * browser encodes AAC; otherwise Opus (copied when it is Opus, else re-encoded); MP4 holds both.
 */
async function audioCodecFor(source: string | null): Promise<AudioCodec> {
  if (source === "aac" || (await canEncodeAudio("aac"))) return "aac";
  return "opus";
}

async function convert(file: Blob, opened: Opened, plan: ClipPlan, options: PrepareClipOptions) {
  const keepAudio = options.keepAudio ?? true;
  let audioCodec = opened.info.audioCodec && keepAudio ? await audioCodecFor(opened.info.audioCodec) : undefined;
  const init = async () => {
    const target = new BufferTarget();
    const audio: ConversionAudioOptions = audioCodec ? { codec: audioCodec } : { discard: true };
    const conversion = await Conversion.init({
      input: opened.input,
      // In memory, the index up front: a browser (and the model) can start reading before the end.
      output: new Output({ format: new Mp4OutputFormat({ fastStart: "in-memory" }), target }),
      tracks: "primary",
      video: videoOptions(plan, opened.info),
      audio,
      trim: { start: plan.start, end: plan.end },
      showWarnings: false,
    });
    return { conversion, target };
  };
  let { conversion, target } = await init();
  const audioLeft = conversion.discardedTracks.find((d) => d.track.isAudioTrack());
  // AAC copied where it could not be (a cut the toolkit re-encodes) and no AAC encoder: Opus then.
  if (audioLeft?.reason === "no_encodable_target_codec" && audioCodec === "aac") {
    audioCodec = "opus";
    ({ conversion, target } = await init());
  }
  const videoLeft = conversion.discardedTracks.find((d) => d.track.isVideoTrack());
  if (videoLeft || !conversion.isValid) {
    throw videoLeft?.reason === "no_encodable_target_codec"
      ? unsupported("encode")
      : unsupported("decode", opened.info.videoCodec);
  }
  if (conversion.discardedTracks.some((d) => d.track.isAudioTrack())) audioCodec = undefined;

  const { signal, onProgress } = options;
  if (onProgress) conversion.onProgress = (fraction) => onProgress(Math.min(0.99, fraction));
  const cancel = () => void conversion.cancel();
  signal?.addEventListener("abort", cancel, { once: true });
  try {
    signal?.throwIfAborted();
    await conversion.execute();
  } catch (cause) {
    signal?.throwIfAborted();
    throw new KlingError("clip_unsupported", {
      message: `This clip could not be converted in this browser (${cause instanceof Error ? cause.message : String(cause)}). Export it as an H.264 MP4 and pick it again.`,
      cause,
    });
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
  signal?.throwIfAborted();
  const buffer = target.buffer;
  if (!buffer) throw new KlingError("internal_error", { message: "The prepared clip was not written." });
  const out = new File([buffer], mp4Name(file), { type: "video/mp4", lastModified: Date.now() });
  return { out, audioCodec };
}

/**
 * A file over the byte limit (a copy larger than its share of the source, or an encoder that
 * overshot on hard content): made once more, re-encoded at the bitrate the first file shows would
 * fit. Still over: refused, rather than a clip the upload or the model would refuse.
 */
async function shrink(
  file: Blob,
  opened: Opened,
  first: ClipPlan,
  out: File,
  options: PrepareClipOptions,
  from: number,
) {
  const seconds = first.end - first.start;
  const bitrate = Math.floor((first.bitrate ?? (out.size * 8) / seconds) * ((first.maxBytes * VIDEO_SHARE) / out.size));
  const plan: ClipPlan = { ...first, transcode: true, bitrate };
  checkSupport(plan);
  // Progress goes on from where the first pass left it, never back.
  const { onProgress } = options;
  const again = await convert(file, opened, plan, {
    ...options,
    onProgress: onProgress && ((fraction) => onProgress(from + (0.99 - from) * fraction)),
  });
  if (again.out.size > first.maxBytes) {
    const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
    throw new KlingError("invalid_input", {
      message: `The prepared clip is ${mb(again.out.size)}; the limit is ${mb(first.maxBytes)}. Choose a shorter part of it.`,
    });
  }
  return { ...again, plan };
}

function audioOutcome(info: ClipInfo, keepAudio: boolean, written: AudioCodec | undefined): ClipAudio {
  if (!info.audioCodec) return "none";
  if (!keepAudio || !written) return "dropped";
  if (written === info.audioCodec) return "copied";
  return written === "aac" ? "aac" : "opus";
}

export async function prepareClip(file: Blob, options: PrepareClipOptions): Promise<PreparedClip> {
  const { signal } = options;
  signal?.throwIfAborted();
  const opened = await openClip(file);
  try {
    signal?.throwIfAborted();
    const { info } = opened;
    let plan = await planClip(info, opened.video, options);
    if (plan.untouched) {
      options.onProgress?.(1);
      return { file: asFile(file, info), info, changes: [], audio: info.audioCodec ? "copied" : "none" };
    }
    checkSupport(plan);
    let reported = 0;
    const { onProgress } = options;
    const tracked = { ...options, onProgress: onProgress && ((fraction: number) => onProgress((reported = fraction))) };
    let { out, audioCodec } = await convert(file, opened, plan, tracked);
    if (out.size > plan.maxBytes)
      ({ out, audioCodec, plan } = await shrink(file, opened, plan, out, options, reported));
    const changes: ClipChange[] = [];
    if (plan.trimmed) changes.push("trimmed");
    if (plan.scaled) changes.push("scaled");
    if (plan.fps !== undefined) changes.push("fps");
    if (plan.transcode) changes.push("transcoded");
    else if (info.container !== "mp4") changes.push("remuxed");
    const prepared = await inspectClip(out);
    options.onProgress?.(1);
    return { file: out, info: prepared, changes, audio: audioOutcome(info, options.keepAudio ?? true, audioCodec) };
  } finally {
    opened.input.dispose();
  }
}
