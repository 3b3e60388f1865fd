import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type CSSProperties } from "react";
import { useSyncedVideos } from "../../hooks/useSyncedVideos";
import { cx, useControllableState, useLabels } from "../shared";
import { Controls, type VideoCompareAudio, type VideoCompareMode } from "./Controls";
import { DEFAULT_VIDEO_COMPARE_LABELS, type VideoCompareLabels } from "./labels";
import { holdHandlers } from "./hold";
import { POSITION_PROPERTY, useDivider } from "./useDivider";

export { DEFAULT_VIDEO_COMPARE_LABELS, type VideoCompareLabels, type VideoCompareAudio, type VideoCompareMode };

export interface VideoCompareProps {
  /** URL of the original (source) video. */
  before: string;
  /** URL of the edited video: it leads playback, and its audio is heard by default. */
  after: string;
  mode?: VideoCompareMode;
  defaultMode?: VideoCompareMode;
  onModeChange?: (mode: VideoCompareMode) => void;
  /** Divider position, 0–100: the share of the original shown (from the left, or the top). */
  position?: number;
  defaultPosition?: number;
  /** Fires once per finished gesture (pointer release, each key press), never during a drag. */
  onPositionChange?: (position: number) => void;
  /** "horizontal" (default) puts the original left of a vertical line; "vertical" above a horizontal one. */
  orientation?: "horizontal" | "vertical";
  audio?: VideoCompareAudio;
  defaultAudio?: VideoCompareAudio;
  /** Also fires with "off" when the browser refuses to autoplay with sound. */
  onAudioChange?: (audio: VideoCompareAudio) => void;
  loop?: boolean;
  defaultLoop?: boolean;
  onLoopChange?: (loop: boolean) => void;
  /** Starts playing once mounted; muted when the browser refuses autoplay with sound. */
  autoPlay?: boolean;
  /** Where "Download" points; defaults to `after`. Cross-origin URLs open instead of saving. */
  downloadUrl?: string;
  downloadFileName?: string;
  /** Frames per second of the videos, for the one-frame sync tolerance. Default 30. */
  frameRate?: number;
  labels?: Partial<VideoCompareLabels>;
  className?: string;
  style?: CSSProperties;
}

type Side = "before" | "after";
type PaneState = "loading" | "ready" | "error";

// `@__PURE__`: bundlers keep an unmarked top-level forwardRef call, and the component with it,
// in apps that never render it.
/** Before/after comparison of two videos that play as one (slider, side by side or toggle). */
export const VideoCompare = /* @__PURE__ */ forwardRef<HTMLDivElement, VideoCompareProps>(function VideoCompare(props, ref) {
  const { before, after, orientation = "horizontal" } = props;
  const labels = useLabels(DEFAULT_VIDEO_COMPARE_LABELS, props.labels);
  const [mode, setMode] = useControllableState(props.mode, props.defaultMode ?? "slider", props.onModeChange);
  const [audio, setAudio] = useControllableState(props.audio, props.defaultAudio ?? "after", props.onAudioChange);
  const [loop, setLoop] = useControllableState(props.loop, props.defaultLoop ?? false, props.onLoopChange);
  const [initialPosition] = useState(() => props.position ?? props.defaultPosition ?? 50);
  const [playing, setPlaying] = useState(false);
  // Per URL, so a new source starts as "loading" again.
  const [states, setStates] = useState<Record<string, PaneState>>({});

  const rootRef = useRef<HTMLDivElement>(null);
  const dividerRef = useRef<HTMLDivElement>(null);
  const holdRef = useRef<HTMLButtonElement>(null);
  const seekRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const videos = { before: useRef<HTMLVideoElement>(null), after: useRef<HTMLVideoElement>(null) };
  useImperativeHandle(ref, () => rootRef.current!, []);
  useSyncedVideos(videos.after, videos.before, { frameRate: props.frameRate });

  const vertical = orientation === "vertical";
  const divider = useDivider({
    rootRef,
    dividerRef,
    position: props.position,
    initial: initialPosition,
    vertical,
    labels,
    onPositionChange: props.onPositionChange,
  });

  // Audio and looping live on the elements; this runs before the autoplay effect below.
  useEffect(() => {
    const edited = videos.after.current!;
    const original = videos.before.current!;
    edited.muted = audio !== "after";
    original.muted = audio !== "before";
    edited.loop = loop;
  });

  const { autoPlay } = props;
  useEffect(() => {
    const edited = videos.after.current;
    if (!autoPlay || !edited) return;
    edited.play().catch((error: unknown) => {
      if ((error as Error).name !== "NotAllowedError") return;
      // Browsers allow autoplay without sound only.
      edited.muted = true;
      setAudio("off");
      edited.play().catch(() => undefined);
    });
    // Once, on mount: later changes of autoPlay do not start or stop playback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const showTime = ({ currentTarget: { currentTime, duration } }: { currentTarget: HTMLVideoElement }) => {
    const seek = seekRef.current;
    const text = labels.time(currentTime, duration);
    if (seek) {
      seek.max = String(Number.isFinite(duration) ? duration : 0);
      seek.value = String(currentTime);
      seek.setAttribute("aria-valuetext", text);
    }
    if (timeRef.current) timeRef.current.textContent = text;
  };
  const onAspect = ({ currentTarget: { videoWidth, videoHeight } }: { currentTarget: HTMLVideoElement }) => {
    if (videoWidth && videoHeight) rootRef.current?.style.setProperty("--kling-compare-aspect", String(videoWidth / videoHeight));
  };
  const onHold = (showing: boolean) => {
    rootRef.current?.toggleAttribute("data-showing", showing);
    holdRef.current?.setAttribute("aria-pressed", String(showing));
  };

  const mark = (src: string, state: PaneState) => setStates((all) => (all[src] === state ? all : { ...all, [src]: state }));
  // Media events may fire before hydration attaches listeners: read what the elements know.
  useEffect(() => {
    for (const [src, video] of [[before, videos.before.current], [after, videos.after.current]] as const) {
      if (video?.error) mark(src, "error");
      else if (video && video.readyState >= 2) mark(src, "ready");
    }
    const edited = videos.after.current;
    if (edited && edited.readyState >= 1) {
      onAspect({ currentTarget: edited });
      showTime({ currentTarget: edited });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [before, after]);

  // The edited video leads: the controls show its time and state.
  const leaderEvents = {
    onLoadedMetadata: onAspect,
    onTimeUpdate: showTime,
    onDurationChange: showTime,
    onPlay: () => setPlaying(true),
    onPause: () => setPlaying(false),
  };
  const paneState = (src: string) => states[src] ?? "loading";
  const beforeState = paneState(before);
  const afterState = paneState(after);
  const rootState = beforeState === "error" || afterState === "error" ? "error" : beforeState === "ready" && afterState === "ready" ? "ready" : "loading";
  const stageHandlers = mode === "slider" ? divider.pointer : mode === "toggle" ? holdHandlers(onHold) : {};

  const pane = (side: Side, src: string) => {
    const state = paneState(src);
    return (
      <div className="kling-compare-pane" data-side={side} data-state={state}>
        <video
          ref={videos[side]}
          className="kling-compare-video"
          src={src}
          // No `muted` prop: React never renders it on the server, so hydration would mismatch;
          // the effect above sets it before anything plays.
          playsInline
          preload="auto"
          onLoadedData={() => mark(src, "ready")}
          onError={() => mark(src, "error")}
          {...(side === "after" && leaderEvents)}
        />
        <span className="kling-compare-caption">{labels[side]}</span>
        {state !== "ready" && (
          <span className="kling-compare-status" role={state === "error" ? "alert" : "status"}>
            {state === "error" ? labels.error : labels.loading}
          </span>
        )}
      </div>
    );
  };

  return (
    <div
      ref={rootRef}
      role="group"
      aria-label={labels.region}
      className={cx("kling-root kling-compare", props.className)}
      data-mode={mode}
      data-state={rootState}
      data-orientation={orientation}
      style={{ ...props.style, [POSITION_PROPERTY]: `${initialPosition}%` } as CSSProperties}
    >
      <div className="kling-compare-stage" {...stageHandlers}>
        {pane("before", before)}
        {pane("after", after)}
        <div
          ref={dividerRef}
          className="kling-compare-divider"
          role="slider"
          tabIndex={0}
          hidden={mode !== "slider"}
          aria-label={labels.divider}
          aria-orientation={orientation}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(initialPosition)}
          aria-valuetext={labels.position(Math.round(initialPosition), labels)}
          onKeyDown={divider.onKeyDown}
        />
      </div>
      <Controls
        labels={labels}
        leaderRef={videos.after}
        seekRef={seekRef}
        timeRef={timeRef}
        holdRef={holdRef}
        playing={playing}
        mode={mode}
        onMode={setMode}
        loop={loop}
        onLoop={setLoop}
        audio={audio}
        onAudio={setAudio}
        onHold={onHold}
        downloadHref={props.downloadUrl ?? props.after}
        downloadFileName={props.downloadFileName}
      />
    </div>
  );
});
