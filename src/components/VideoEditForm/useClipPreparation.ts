import { useEffect, useRef, useState } from "react";
import type { ClipInfo, ClipIssue } from "../../core/clip/check";
import type { PreparedClip } from "../../core/clip/index";
import type { KlingLimits } from "../../core/limits";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import type { ClipTrimRange } from "../VideoTrimmer/range";
import type { ClipPlanNote, ClipReading } from "./clip-flow";
import type { VideoEditFormLabels } from "./labels";
import type { UseUploadResult } from "./useUpload";

export type { ClipPlanNote };

/**
 * Where a picked clip is:
 * - `idle`: none (or it was left for a typed link);
 * - `inspecting`: its metadata is being read;
 * - `trimming`: it is too long: the person chooses the part to keep, then `prepare()`;
 * - `preparing`: it is being cut and conformed (`fraction`);
 * - `ready`: it fitted, or was prepared: handed to the upload;
 * - `refused`: it breaks a rule no preparation fixes (too short, a shape no size fits);
 * - `failed`: it could not be read or prepared in this browser (`message` says what to do).
 */
export type ClipPreparationStatus = "idle" | "inspecting" | "trimming" | "preparing" | "ready" | "refused" | "failed";

/** The options a trimmer takes for the clip being trimmed: for `useClipTrim` or `<VideoTrimmer>`. */
export interface ClipTrimOptions {
  file: File;
  info: ClipInfo;
  limits?: Partial<KlingLimits>;
  value: ClipTrimRange;
  onValueChange: (range: ClipTrimRange) => void;
  disabled: boolean;
}

export interface VideoEditFormClip {
  status: ClipPreparationStatus;
  /** The clip picked or dropped. */
  file?: File;
  /** What `inspectClip` read of it. */
  info?: ClipInfo;
  /** Each rule it breaks (`checkClip`). */
  issues: ClipIssue[];
  /** What preparation will do (before), for the note. */
  plan?: ClipPlanNote;
  /** The prepared clip, once done (its `changes` say what was done). */
  prepared?: PreparedClip;
  /** The part to keep, while trimming or preparing a clip that is too long. */
  range?: ClipTrimRange;
  setRange: (range: ClipTrimRange) => void;
  /** Preparation progress, 0..1, while preparing. */
  fraction?: number;
  percent?: number;
  /** Why the clip was refused or failed, in words (from `labels`). */
  message?: string;
  error?: unknown;
  /** The clip has a sound track (undefined until known). */
  hasAudio?: boolean;
  /** Inspects a clip and uploads it as it is, prepares it, or asks for the part to keep. */
  take: (file: File | undefined) => Promise<void>;
  /** Prepares the chosen part and uploads the result (from `trimming`). */
  prepare: () => Promise<void>;
  /** Stops reading, preparing and uploading; the picked clip is forgotten. */
  cancel: () => void;
  /** The trimmer's options while the clip waits for its part to be chosen (or is being prepared from it). */
  trimOptions?: ClipTrimOptions;
}

interface ClipState {
  status: ClipPreparationStatus;
  file?: File;
  reading?: ClipReading;
  range?: ClipTrimRange;
  fraction?: number;
  prepared?: PreparedClip;
  error?: unknown;
}

export interface UseClipPreparationOptions {
  limits?: Partial<KlingLimits>;
  labels: VideoEditFormLabels;
  /** The video upload the ready clip goes to. */
  upload: UseUploadResult;
  /** Puts an uploaded clip's URL and length in the form. */
  apply: (url: string, seconds: number) => void;
  /** Clears the form's source: a new clip replaces the old one at once, whatever becomes of it. */
  clear: () => void;
  /** Whether the clip has sound; undefined when no clip is known any more. */
  onAudio: (hasAudio: boolean | undefined) => void;
}

const IDLE: ClipState = { status: "idle" };
const load = () => import("./clip-flow");

/**
 * A picked clip on its way to the upload: inspected (`inspectClip`, loaded with the media
 * toolkit only now), uploaded untouched when it fits, prepared (`prepareClip`) when the engine
 * can fix it (after the person chooses the part of a clip that is too long), refused with the
 * reason otherwise. The form's source is cleared as soon as a clip is picked, so no submit can
 * go out with another clip's URL; cancel and failures leave it cleared.
 */
export function useClipPreparation(options: UseClipPreparationOptions): VideoEditFormClip {
  const { limits, labels, upload } = options;
  const [state, setState] = useState<ClipState>(IDLE);
  // The latest state and options, for the steps of a run that finish after later renders.
  const latest = useRef({ state, options });
  useIsomorphicLayoutEffect(() => void (latest.current.options = options));
  const running = useRef<AbortController>(undefined);
  useEffect(() => () => running.current?.abort(), []);

  const set = (next: ClipState) => {
    latest.current.state = next;
    setState(next);
  };
  /** Starts a run; the returned check tells whether it is still the current one. */
  const start = () => {
    running.current?.abort();
    const own = (running.current = new AbortController());
    return { signal: own.signal, current: () => running.current === own };
  };
  const stop = () => {
    running.current?.abort();
    running.current = undefined;
  };

  const send = (file: File, seconds: number) => upload.take(file, (url) => latest.current.options.apply(url, seconds));

  const prepare = async () => {
    const { file, reading, range } = latest.current.state;
    if (!file || !reading) return;
    const run = start();
    set({ ...latest.current.state, status: "preparing", fraction: 0, error: undefined });
    try {
      const { prepareClip } = await load();
      const prepared = await prepareClip(file, {
        ...range,
        limits,
        signal: run.signal,
        onProgress: (fraction) => run.current() && set({ ...latest.current.state, fraction }),
      });
      if (!run.current()) return;
      running.current = undefined;
      set({ ...latest.current.state, status: "ready", prepared, fraction: undefined });
      await send(prepared.file, prepared.info.durationSeconds);
    } catch (error) {
      if (!run.current()) return;
      running.current = undefined;
      set({ ...latest.current.state, status: "failed", fraction: undefined, error });
    }
  };

  const take = async (file: File | undefined) => {
    if (!file) return;
    upload.cancel();
    const run = start();
    latest.current.options.clear();
    set({ status: "inspecting", file });
    let reading: ClipReading;
    try {
      reading = await (await load()).readClip(file, limits);
    } catch (error) {
      if (run.current()) set({ status: "failed", file, error });
      return;
    }
    if (!run.current()) return;
    running.current = undefined;
    latest.current.options.onAudio(reading.info.audioCodec !== null);
    const { decision, window } = reading;
    if (decision === "fixable" && !window) {
      set({ status: "preparing", file, reading });
      return prepare();
    }
    const status =
      decision === "fits"
        ? "ready"
        : decision === "fixable"
          ? "trimming"
          : decision === "refused"
            ? "refused"
            : "failed";
    set({ status, file, reading, range: window });
    if (decision === "fits") await send(file, reading.info.durationSeconds);
  };

  const { status, file, reading, range, fraction, prepared, error } = state;
  const refusal = reading?.issues.find((issue) => !issue.fixable);
  const message =
    status === "refused" && refusal
      ? labels.clipRefused(refusal)
      : status === "failed"
        ? reading?.decision === "unsupported" && !error
          ? labels.clipUnsupported(reading.info)
          : labels.clipFailed(error)
        : undefined;
  const setRange = (next: ClipTrimRange) => set({ ...latest.current.state, range: next });

  return {
    status,
    file,
    info: reading?.info,
    issues: reading?.issues ?? [],
    plan: reading?.plan,
    prepared,
    range,
    setRange,
    fraction,
    percent: fraction === undefined ? undefined : Math.round(fraction * 100),
    message,
    error,
    hasAudio: reading ? reading.info.audioCodec !== null : undefined,
    take,
    prepare,
    cancel: () => {
      stop();
      upload.cancel();
      if (latest.current.state.status !== "idle") latest.current.options.onAudio(undefined);
      set(IDLE);
    },
    trimOptions:
      file && reading && range && (status === "trimming" || status === "preparing")
        ? { file, info: reading.info, limits, value: range, onValueChange: setRange, disabled: status === "preparing" }
        : undefined,
  };
}
