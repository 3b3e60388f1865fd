import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import { play, useSyncedVideos } from "../../hooks/useSyncedVideos";
import { cx, useControllableState, useLabels } from "../shared";
import { DEFAULT_VIDEO_COMPARE_LABELS, type VideoCompareAudio, type VideoCompareLabels, type VideoCompareMode } from "./labels";

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

/** A pointer on the stage: where it went down, and whether it drags (else it is still undecided). */
interface Gesture {
  id: number;
  x: number;
  y: number;
  rect: DOMRect;
  dragging?: boolean;
}

/** The custom property on the root that places the divider and clips the original. */
const POSITION = "--kling-compare-position";
/** Divider steps (percent) per key. */
const KEY_STEPS: Partial<Record<string, number>> = {
  ArrowLeft: -1,
  ArrowDown: -1,
  ArrowRight: 1,
  ArrowUp: 1,
  PageDown: -10,
  PageUp: 10,
  Home: -100,
  End: 100,
};
/** Movement (px) before a touch gesture is judged to be a drag or a scroll. */
const SLOP = 4;
/** Native controls an app places in the stage keep their clicks. */
const NO_DRAG = "a,button,input,select,textarea,[data-kling-no-drag]";
const RATES = [0.5, 1, 1.5, 2];
const MODES = [
  ["slider", "modeSlider"],
  ["side-by-side", "modeSideBySide"],
  ["toggle", "modeToggle"],
] as const;
const AUDIO = [
  ["after", "after"],
  ["before", "before"],
  ["off", "audioOff"],
] as const;

const primary = (event: PointerEvent) => event.isPrimary && !event.button;
// Capture keeps a drag or a hold on the element that started it when the pointer leaves it.
const capture = (event: PointerEvent) => (event.currentTarget as Element).setPointerCapture(event.pointerId);

// `@__PURE__`: bundlers keep an unmarked top-level forwardRef call, and the component with it,
// in apps that never render it.
/**
 * Before/after comparison of two videos that play as one (slider, side by side or toggle).
 *
 * The divider and the hold live outside React state: a drag writes the custom property and the
 * slider's ARIA values straight to the DOM, so moving it renders nothing. `onPositionChange`
 * fires once per finished gesture: on pointer release, and on every key press.
 */
export const VideoCompare = /* @__PURE__ */ forwardRef<HTMLDivElement, VideoCompareProps>(function VideoCompare(props, ref) {
  const { before, after, orientation = "horizontal", position } = props;
  const labels = useLabels(DEFAULT_VIDEO_COMPARE_LABELS, props.labels);
  const [mode, setMode] = useControllableState(props.mode, props.defaultMode ?? "slider", props.onModeChange);
  const [audio, setAudio] = useControllableState(props.audio, props.defaultAudio ?? "after", props.onAudioChange);
  const [loop, setLoop] = useControllableState(props.loop, props.defaultLoop ?? false, props.onLoopChange);
  // What React shows of the media ("ready,loading" or "ready,ready,playing"): each side's state
  // and whether the edited video plays, read from the elements. A string, so an unchanged
  // reading renders nothing.
  const [media, setMedia] = useState("loading,loading");
  // Where the divider is (a drag moves it without rendering; a render shows where it is), and the
  // pointer on the stage.
  const [divider] = useState(() => ({ now: position ?? props.defaultPosition ?? 50, drag: null as Gesture | null }));

  const rootRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<HTMLDivElement>(null);
  const holdRef = useRef<HTMLButtonElement>(null);
  const seekRef = useRef<HTMLInputElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const originalRef = useRef<HTMLVideoElement>(null);
  const editedRef = useRef<HTMLVideoElement>(null);
  useImperativeHandle(ref, () => rootRef.current!, []);
  // The edited video leads: the controls act on it and show its time; the original follows.
  useSyncedVideos(editedRef, originalRef, { frameRate: props.frameRate });

  const vertical = orientation === "vertical";
  const place = (value: number) => {
    const at = (divider.now = Math.min(100, Math.max(0, value)));
    const shown = Math.round(at);
    const handle = handleRef.current!;
    rootRef.current!.style.setProperty(POSITION, `${at}%`);
    handle.setAttribute("aria-valuenow", `${shown}`);
    handle.setAttribute("aria-valuetext", labels.position(shown, labels));
  };
  const commit = () => props.onPositionChange?.(divider.now);
  // A controlled position wins only when the prop changes, so a render mid-drag does not snap back.
  useIsomorphicLayoutEffect(() => {
    if (position !== undefined) place(position);
  }, [position]);
  // Audio and looping live on the elements, set before the autoplay effect below runs. (No
  // `muted` prop: React never renders it on the server, so hydration would mismatch.)
  useIsomorphicLayoutEffect(() => {
    const edited = editedRef.current!;
    edited.muted = audio !== "after";
    originalRef.current!.muted = audio !== "before";
    edited.loop = loop;
  });
  useEffect(() => {
    const edited = editedRef.current!;
    if (props.autoPlay)
      edited.play().catch((error: Error) => {
        if (error.name !== "NotAllowedError") return;
        // Browsers allow autoplay without sound only.
        edited.muted = true;
        setAudio("off");
        play(edited);
      });
    // Once, on mount: later changes of autoPlay do not start or stop playback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // On every media event of either video: each side's state and whether the edited video plays
  // (a render only when that changes), and the edited video's time, length and shape, written
  // to the DOM (no render per time update).
  const read = () => {
    const edited = editedRef.current!;
    const { currentTime, duration, videoWidth, videoHeight } = edited;
    setMedia(
      [originalRef.current!, edited].map((video) => (video.error ? "error" : video.readyState > 1 ? "ready" : "loading")) +
        (edited.paused ? "" : ",playing"),
    );
    if (!edited.readyState) return;
    const seek = seekRef.current!;
    const text = labels.time(currentTime, duration);
    seek.max = `${isFinite(duration) ? duration : 0}`;
    seek.valueAsNumber = currentTime;
    seek.setAttribute("aria-valuetext", text);
    timeRef.current!.textContent = text;
    if (videoWidth && videoHeight) rootRef.current!.style.setProperty("--kling-compare-aspect", `${videoWidth / videoHeight}`);
  };
  const mediaEvents = {
    onLoadedMetadata: read,
    onLoadedData: read,
    onError: read,
    onDurationChange: read,
    onPlay: read,
    onPause: read,
  };
  // A new source resets its element at once; media events may also have fired before hydration
  // attached listeners: read what the elements know.
  useIsomorphicLayoutEffect(read, [before, after]);

  const hold = (showing: boolean) => {
    rootRef.current!.toggleAttribute("data-showing", showing);
    holdRef.current?.setAttribute("aria-pressed", `${showing}`);
  };
  const release = () => hold(false);
  // Press and hold shows the original (toggle mode), on the stage and on the hold button.
  const holdPointer = {
    onPointerDown: (event: PointerEvent) => {
      if (primary(event)) {
        capture(event);
        hold(true);
      }
    },
    onPointerUp: release,
    onPointerCancel: release,
    // A long press on touch screens would open the context menu instead.
    onContextMenu: (event: { preventDefault(): void }) => event.preventDefault(),
  };
  const holdKey = (event: KeyboardEvent) => {
    if ((event.key === " " || event.key === "Enter") && !event.repeat) {
      event.preventDefault();
      hold(event.type === "keydown");
    }
  };

  const follow = (event: PointerEvent, { rect }: Gesture) =>
    place(vertical ? ((event.clientY - rect.top) / rect.height) * 100 : ((event.clientX - rect.left) / rect.width) * 100);
  const drag = (event: PointerEvent, gesture: Gesture) => {
    gesture.dragging = true;
    capture(event);
    follow(event, gesture);
  };
  const endDrag = (event: PointerEvent) => {
    const gesture = divider.drag;
    if (gesture?.id !== event.pointerId) return;
    divider.drag = null;
    if (gesture.dragging) commit();
  };
  const sliderPointer = {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      const target = event.target as Element;
      // Only the primary pointer drags, and not from native controls in the stage.
      if (!primary(event) || target.closest(NO_DRAG)) return;
      const gesture = (divider.drag = { id: event.pointerId, x: event.clientX, y: event.clientY, rect: event.currentTarget.getBoundingClientRect() });
      // A mouse means drag; a finger may mean scroll, so it waits for its first move.
      if (event.pointerType === "mouse" || handleRef.current!.contains(target)) drag(event, gesture);
    },
    onPointerMove: (event: PointerEvent) => {
      const gesture = divider.drag;
      if (gesture?.id !== event.pointerId) return;
      if (gesture.dragging) return follow(event, gesture);
      const dx = Math.abs(event.clientX - gesture.x);
      const dy = Math.abs(event.clientY - gesture.y);
      if (Math.max(dx, dy) < SLOP) return;
      // The axis of the first move decides: across the divider drags, along it scrolls.
      if (vertical ? dy > dx : dx > dy) drag(event, gesture);
      else divider.drag = null;
    },
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
  };

  const [originalState, editedState, playing] = media.split(",") as ["loading" | "ready" | "error", "loading" | "ready" | "error", string?];
  const shown = Math.round(divider.now);

  return (
    <div
      ref={rootRef}
      role="group"
      aria-label={labels.region}
      className={cx("kling-root kling-compare", props.className)}
      data-mode={mode}
      data-state={media.includes("error") ? "error" : media.includes("loading") ? "loading" : "ready"}
      data-orientation={orientation}
      style={{ ...props.style, [POSITION]: `${divider.now}%` } as CSSProperties}
    >
      <div className="kling-compare-stage" {...(mode === "slider" ? sliderPointer : mode === "toggle" && holdPointer)}>
        {(["before", "after"] as const).map((side, index) => {
          const state = index ? editedState : originalState;
          return (
            <div key={side} className="kling-compare-pane" data-side={side} data-state={state}>
              <video
                ref={index ? editedRef : originalRef}
                className="kling-compare-video"
                src={props[side]}
                playsInline
                preload="auto"
                {...mediaEvents}
                // The time shown is the edited video's: the original's ticks need no reading.
                onTimeUpdate={index ? read : undefined}
              />
              <span className="kling-compare-caption">{labels[side]}</span>
              {state !== "ready" && (
                <span className="kling-compare-status" role={state === "error" ? "alert" : "status"}>
                  {labels[state]}
                </span>
              )}
            </div>
          );
        })}
        <div
          ref={handleRef}
          className="kling-compare-divider"
          role="slider"
          tabIndex={0}
          hidden={mode !== "slider"}
          aria-label={labels.divider}
          aria-orientation={orientation}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={shown}
          aria-valuetext={labels.position(shown, labels)}
          onKeyDown={(event) => {
            const { key } = event;
            const step = KEY_STEPS[key];
            if (!step) return;
            event.preventDefault();
            // A horizontal divider moves down with ArrowDown, where the eye expects it.
            place(divider.now + (vertical && /^Arrow[UD]/.test(key) ? -step : step));
            commit();
          }}
        />
      </div>
      {/* One set of controls; they act on the edited video only and the sync hook mirrors them. */}
      <div className="kling-compare-controls" role="group" aria-label={labels.controls}>
        <button
          type="button"
          className="kling-compare-play"
          onClick={() => {
            const edited = editedRef.current!;
            if (edited.paused) play(edited);
            else edited.pause();
          }}
        >
          {playing ? labels.pause : labels.play}
        </button>
        <input
          ref={seekRef}
          className="kling-compare-seek"
          type="range"
          min={0}
          max={0}
          step="any"
          defaultValue={0}
          aria-label={labels.seek}
          onInput={(event) => (editedRef.current!.currentTime = +event.currentTarget.value)}
        />
        <span ref={timeRef} className="kling-compare-time">
          {labels.time(0, 0)}
        </span>
        <select
          className="kling-compare-rate"
          aria-label={labels.rate}
          defaultValue="1"
          onChange={(event) => (editedRef.current!.playbackRate = +event.currentTarget.value)}
        >
          {RATES.map((rate) => (
            <option key={rate} value={rate}>{`${rate}×`}</option>
          ))}
        </select>
        <button type="button" className="kling-compare-loop" aria-pressed={loop} onClick={() => setLoop(!loop)}>
          {labels.loop}
        </button>
        <select
          className="kling-compare-audio"
          aria-label={labels.audio}
          value={audio}
          onChange={(event) => setAudio(event.currentTarget.value as VideoCompareAudio)}
        >
          {AUDIO.map(([value, label]) => (
            <option key={value} value={value}>
              {labels[label]}
            </option>
          ))}
        </select>
        <div className="kling-compare-modes" role="group" aria-label={labels.mode}>
          {MODES.map(([value, label]) => (
            <button key={value} type="button" aria-pressed={mode === value} onClick={() => setMode(value)}>
              {labels[label]}
            </button>
          ))}
        </div>
        {mode === "toggle" && (
          <button
            ref={holdRef}
            type="button"
            className="kling-compare-hold"
            aria-pressed={false}
            onKeyDown={holdKey}
            onKeyUp={holdKey}
            onBlur={release}
            {...holdPointer}
          >
            {labels.hold}
          </button>
        )}
        <a className="kling-compare-download" href={props.downloadUrl ?? after} download={props.downloadFileName ?? ""}>
          {labels.download}
        </a>
      </div>
    </div>
  );
});
