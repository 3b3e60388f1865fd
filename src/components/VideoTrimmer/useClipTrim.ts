import {
  useState,
  type ButtonHTMLAttributes,
  type CSSProperties,
  type HTMLAttributes,
  type Ref,
  type VideoHTMLAttributes,
} from "react";
import { DEFAULT_LIMITS, type KlingLimits } from "../../core/limits";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import { mergeProps, useControllableState, useLabels } from "../shared";
import { DEFAULT_TRIMMER_LABELS, type VideoTrimmerLabels } from "./labels";
import {
  allowed,
  fitRange,
  initialRange,
  sameRange,
  trimBounds,
  valueOf,
  type ClipTrimBounds,
  type ClipTrimEdge,
  type ClipTrimPart,
  type ClipTrimRange,
} from "./range";
import { useFrameStrip, type ClipTrimFrame } from "./useFrameStrip";
import { PART_ATTRIBUTE, useTrimGestures } from "./useTrimGestures";
import { useTrimPreview } from "./useTrimPreview";

export interface UseClipTrimOptions {
  /** The clip: the preview and the frame strip are drawn from it (and its length read, without `info`). */
  file?: Blob;
  /** What `inspectClip` read of the clip; its `durationSeconds` is the length at once. */
  info?: { durationSeconds: number };
  /** The accepted lengths of a selection (`minDurationSeconds`, `maxDurationSeconds`). Default the published ones. */
  limits?: Partial<KlingLimits>;
  /** The window, controlled; pair with `onValueChange`. */
  value?: ClipTrimRange;
  /** The starting window when uncontrolled. Default: from the start, as long as the limits allow. */
  defaultValue?: ClipTrimRange;
  /** Every move (each pointer move, each key). */
  onValueChange?: (range: ClipTrimRange) => void;
  /** The end of a gesture: pointer release, and each key. */
  onValueCommit?: (range: ClipTrimRange) => void;
  /** Seconds per arrow key. Default 0.1. */
  step?: number;
  /** Seconds per PageUp/PageDown. Default 1. */
  largeStep?: number;
  /** Pictures in the strip. Default 8; 0 for none. */
  frameCount?: number;
  disabled?: boolean;
  labels?: Partial<VideoTrimmerLabels>;
}

/** `loading` until the clip's length is known; `too-short` when no accepted window fits in it. */
export type ClipTrimState = "loading" | "ready" | "too-short";

/** What a prop getter takes and gives: the element's props, with a ref. */
export type ClipTrimElementProps<E extends HTMLElement, A = HTMLAttributes<E>> = A & { ref?: Ref<E> };
type DivProps = ClipTrimElementProps<HTMLDivElement>;
type ButtonProps = ClipTrimElementProps<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement>>;
type VideoProps = ClipTrimElementProps<HTMLVideoElement, VideoHTMLAttributes<HTMLVideoElement>>;

export interface UseClipTrimResult {
  /** The window now (fitted to the clip and the limits). */
  range: ClipTrimRange;
  /** Its length, seconds. */
  length: number;
  /** The clip's length, once known. */
  duration?: number;
  bounds?: ClipTrimBounds;
  /** The limits in force (the option's over the published ones). */
  limits: KlingLimits;
  state: ClipTrimState;
  /** What a pointer drags now. */
  dragging?: ClipTrimPart;
  /** The preview plays (looping over the window). */
  playing: boolean;
  /** The strip's pictures, evenly across the clip; each `src` once drawn. */
  frames: ClipTrimFrame[];
  labels: VideoTrimmerLabels;
  /** Sets the window (fitted), as a gesture would: reported to `onValueChange` and `onValueCommit`. */
  setRange: (range: ClipTrimRange) => void;
  togglePlay: () => void;
  // Prop getters: spread the result on the element; pass the element's own props in to merge.
  getRootProps: (props?: DivProps) => DivProps;
  /** The strip the window sits on: pointer and touch gestures start here. */
  getTrackProps: (props?: DivProps) => DivProps;
  /** The selection, a `role="slider"` that moves the whole window. */
  getWindowProps: (props?: DivProps) => DivProps;
  /** One edge's handle, a `role="slider"`. */
  getHandleProps: (edge: ClipTrimEdge, props?: DivProps) => DivProps;
  /** The `<video>` that plays the selection in a loop. */
  getPreviewProps: (props?: VideoProps) => VideoProps;
  getPlayProps: (props?: ButtonProps) => ButtonProps;
}

/** The custom properties on the root that place the window: its edges in percent of the clip. */
export const TRIM_START_PROPERTY = "--kling-trim-start";
export const TRIM_END_PROPERTY = "--kling-trim-end";
const tenth = (seconds: number) => Math.round(seconds * 10) / 10;

/**
 * The behaviour of a clip trimmer without its markup: a window [start, end) bounded by the clip
 * and the accepted lengths (a clip longer than the limit opens with the longest window from its
 * start), moved or resized by pointer, touch and keyboard, a strip of pictures drawn from the
 * file, and a preview that loops over the window, as prop getters.
 */
export function useClipTrim(options: UseClipTrimOptions = {}): UseClipTrimResult {
  const { file, info, disabled, step = 0.1, largeStep = 1, frameCount = 8 } = options;
  const labels = useLabels(DEFAULT_TRIMMER_LABELS, options.labels);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // The latest window and options, for the preview's loop and gestures between renders.
  const [latest] = useState<{ range: ClipTrimRange; options: UseClipTrimOptions }>({
    range: { start: 0, end: 0 },
    options,
  });
  const preview = useTrimPreview(file, info?.durationSeconds, () => latest.range);
  const { duration, show } = preview;
  const bounds =
    duration && duration > 0 ? trimBounds(duration, limits.minDurationSeconds, limits.maxDurationSeconds) : undefined;
  const [raw, setRaw] = useControllableState<ClipTrimRange | undefined>(
    options.value,
    options.defaultValue,
    (next) => next && options.onValueChange?.(next),
  );
  const range = bounds ? fitRange(raw ?? initialRange(bounds), bounds) : { start: 0, end: 0 };
  const [track, setTrack] = useState<HTMLDivElement | null>(null);
  const frames = useFrameStrip(preview.url, duration, frameCount, track);
  useIsomorphicLayoutEffect(() => void Object.assign(latest, { range, options }));

  const change = (next: ClipTrimRange, part: ClipTrimPart) => {
    if (sameRange(next, range)) return;
    setRaw(next);
    // The start frame, or the last of the window while its end moves.
    show(part === "end" ? Math.max(next.start, next.end - 0.05) : next.start);
  };
  const commit = (next: ClipTrimRange) => latest.options.onValueCommit?.(next);

  const { dragging, onKeyDown, trackHandlers } = useTrimGestures({
    bounds,
    range,
    disabled,
    step,
    largeStep,
    change,
    commit,
    latestRange: () => latest.range,
    preview,
  });

  const state: ClipTrimState = !bounds
    ? "loading"
    : bounds.minLength < limits.minDurationSeconds
      ? "too-short"
      : "ready";
  const length = range.end - range.start;
  const percent = (seconds: number) => `${bounds ? (seconds / bounds.duration) * 100 : 0}%`;
  /** A part's slider: its name, bounds, value and words, and its keys. */
  const slider = (part: ClipTrimPart, name: string, text: string): DivProps => {
    const [low, high] = bounds ? allowed(part, range, bounds) : [0, 0];
    return {
      role: "slider",
      tabIndex: disabled || !bounds ? -1 : 0,
      [PART_ATTRIBUTE]: part,
      "aria-label": name,
      "aria-orientation": "horizontal",
      "aria-valuemin": tenth(low),
      "aria-valuemax": tenth(high),
      "aria-valuenow": tenth(valueOf(part, range)),
      "aria-valuetext": text,
      "aria-disabled": disabled || !bounds || undefined,
      onKeyDown: onKeyDown(part),
    } as DivProps;
  };

  return {
    range,
    length,
    duration,
    bounds,
    limits,
    state,
    dragging,
    playing: preview.playing,
    frames,
    labels,
    setRange: (next) => {
      if (!bounds) return;
      const fitted = fitRange(next, bounds);
      change(fitted, "window");
      commit(fitted);
    },
    togglePlay: preview.toggle,
    getRootProps: (props) =>
      mergeProps(
        {
          role: "group",
          "aria-label": labels.region,
          "data-state": state,
          // The same beside data-state, which a design system's own element may set for itself.
          "data-trim": state,
          "data-dragging": dragging,
          "data-playing": preview.playing || undefined,
          "data-disabled": disabled || undefined,
          style: {
            [TRIM_START_PROPERTY]: percent(range.start),
            [TRIM_END_PROPERTY]: percent(range.end),
          } as CSSProperties,
        } as DivProps,
        props,
      ),
    getTrackProps: (props) => mergeProps({ ref: setTrack, ...trackHandlers } as DivProps, props),
    getWindowProps: (props) =>
      mergeProps(
        {
          ...slider("window", labels.window, labels.windowText(range.start, range.end, labels)),
          "data-trimmed": (bounds && length < bounds.duration) || undefined,
        } as DivProps,
        props,
      ),
    getHandleProps: (edge, props) =>
      mergeProps(
        {
          ...slider(
            edge,
            labels[edge],
            edge === "start" ? labels.startText(range.start, labels) : labels.endText(range.end, length, labels),
          ),
          "data-edge": edge,
        } as DivProps,
        props,
      ),
    getPreviewProps: (props) =>
      mergeProps(
        {
          ref: preview.ref,
          src: preview.url,
          playsInline: true,
          preload: "auto",
          "aria-label": labels.preview,
          ...preview.events,
        } as VideoProps,
        props,
      ),
    getPlayProps: (props) =>
      mergeProps(
        {
          type: "button",
          "data-state": preview.playing ? "playing" : "paused",
          // A Toggle of Radix writes its own data-state (on/off): this one is ours alone.
          "data-playback": preview.playing ? "playing" : "paused",
          disabled: !preview.url || !bounds,
          onClick: preview.toggle,
        } as ButtonProps,
        props,
      ),
  };
}
