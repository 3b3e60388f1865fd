/* eslint-disable react-hooks/immutability -- `dom` is the mutable holder of the elements and the divider: drags write to it and to the DOM so that they render nothing */
import {
  useEffect,
  useState,
  type ButtonHTMLAttributes,
  type CSSProperties,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
  type SyntheticEvent,
  type VideoHTMLAttributes,
} from "react";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import { play, useSyncedVideos } from "../../hooks/useSyncedVideos";
import { mergeProps, useControllableState, useLabels } from "../shared";
import { DEFAULT_VIDEO_COMPARE_LABELS, type VideoCompareAudio, type VideoCompareLabels, type VideoCompareMode } from "./labels";

/** `before` is the original (source) video, `after` the edited one. */
export type VideoCompareSide = "before" | "after";
/** What a video element knows of its source. */
export type VideoCompareMediaState = "loading" | "ready" | "error";
export type VideoCompareOrientation = "horizontal" | "vertical";

export interface UseVideoCompareOptions {
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
  /** Every move of the divider (each pointer move, each key press); renders nothing by itself. */
  onPositionChange?: (position: number) => void;
  /** The end of a gesture: pointer release, and each key press. */
  onPositionCommit?: (position: number) => void;
  /** "horizontal" (default) puts the original left of a vertical line; "vertical" above a horizontal one. */
  orientation?: VideoCompareOrientation;
  audio?: VideoCompareAudio;
  defaultAudio?: VideoCompareAudio;
  /** Also fires with "off" when the browser refuses to autoplay with sound. */
  onAudioChange?: (audio: VideoCompareAudio) => void;
  loop?: boolean;
  defaultLoop?: boolean;
  onLoopChange?: (loop: boolean) => void;
  /** Starts playing once mounted; muted when the browser refuses autoplay with sound. */
  autoPlay?: boolean;
  /** Frames per second of the videos, for the one-frame sync tolerance. Default 30. */
  frameRate?: number;
  labels?: Partial<VideoCompareLabels>;
}

/** What a prop getter takes and gives: the element's props, with a ref. */
export type VideoCompareElementProps<E extends HTMLElement, A = HTMLAttributes<E>> = A & { ref?: Ref<E> };
type ButtonProps = VideoCompareElementProps<HTMLButtonElement, ButtonHTMLAttributes<HTMLButtonElement>>;
type VideoProps = VideoCompareElementProps<HTMLVideoElement, VideoHTMLAttributes<HTMLVideoElement>>;

export interface UseVideoCompareResult {
  mode: VideoCompareMode;
  setMode: (mode: VideoCompareMode) => void;
  orientation: VideoCompareOrientation;
  audio: VideoCompareAudio;
  setAudio: (audio: VideoCompareAudio) => void;
  loop: boolean;
  setLoop: (loop: boolean) => void;
  /** The edited video plays (the original follows it). */
  playing: boolean;
  /** Each side's media state, and the whole: `error` if either failed, `loading` if either loads. */
  media: Record<VideoCompareSide, VideoCompareMediaState>;
  state: VideoCompareMediaState;
  labels: VideoCompareLabels;
  /** Where the divider is now. Not state: a drag moves it without rendering. */
  getPosition: () => number;
  /** Moves the divider (clamped to 0–100) and reports it, as a gesture would. */
  setPosition: (position: number) => void;
  togglePlay: () => void;
  /** Seeks the edited video (seconds); the original follows. */
  seek: (seconds: number) => void;
  /** Playback rate of both videos. */
  setRate: (rate: number) => void;
  /** Shows the original while `true` (toggle mode's press and hold). */
  setHolding: (holding: boolean) => void;
  // Prop getters: spread the result on the element; pass the element's own props in to merge.
  getRootProps: (props?: VideoCompareElementProps<HTMLDivElement>) => VideoCompareElementProps<HTMLDivElement>;
  getStageProps: (props?: VideoCompareElementProps<HTMLDivElement>) => VideoCompareElementProps<HTMLDivElement>;
  getPaneProps: (side: VideoCompareSide, props?: VideoCompareElementProps<HTMLDivElement>) => VideoCompareElementProps<HTMLDivElement>;
  getVideoProps: (side: VideoCompareSide, props?: VideoProps) => VideoProps;
  getDividerProps: (props?: VideoCompareElementProps<HTMLDivElement>) => VideoCompareElementProps<HTMLDivElement>;
  getHoldProps: (props?: ButtonProps) => ButtonProps;
  getPlayProps: (props?: ButtonProps) => ButtonProps;
  getSeekProps: (props?: VideoCompareElementProps<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>) => VideoCompareElementProps<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>;
  getTimeProps: (props?: VideoCompareElementProps<HTMLElement>) => VideoCompareElementProps<HTMLElement>;
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
export const COMPARE_POSITION_PROPERTY = "--kling-compare-position";
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

const primary = (event: PointerEvent) => event.isPrimary && !event.button;
// Capture keeps a drag or a hold on the element that started it when the pointer leaves it.
const capture = (event: PointerEvent) => (event.currentTarget as Element).setPointerCapture(event.pointerId);

/** The DOM the hook writes to directly (drags and time updates render nothing). */
interface Dom {
  root?: HTMLDivElement | null;
  divider?: HTMLDivElement | null;
  hold?: HTMLButtonElement | null;
  seek?: HTMLInputElement | null;
  time?: HTMLElement | null;
  before?: HTMLVideoElement | null;
  after?: HTMLVideoElement | null;
  at: number;
  drag: Gesture | null;
}

/**
 * The behaviour of a before/after comparison of two videos that play as one, without markup:
 * the divider (pointer, touch and keyboard, written to the DOM so that moving it renders
 * nothing), the toggle mode's hold, the synced playback and the media state, as prop getters.
 */
export function useVideoCompare(options: UseVideoCompareOptions): UseVideoCompareResult {
  const { before, after, orientation = "horizontal", position } = options;
  const labels = useLabels(DEFAULT_VIDEO_COMPARE_LABELS, options.labels);
  const [mode, setMode] = useControllableState(options.mode, options.defaultMode ?? "slider", options.onModeChange);
  const [audio, setAudio] = useControllableState(options.audio, options.defaultAudio ?? "after", options.onAudioChange);
  const [loop, setLoop] = useControllableState(options.loop, options.defaultLoop ?? false, options.onLoopChange);
  // What React shows of the media ("ready,loading" or "ready,ready,playing"): each side's state
  // and whether the edited video plays, read from the elements. A string, so an unchanged
  // reading renders nothing.
  const [reading, setReading] = useState("loading,loading");
  const [dom] = useState<Dom>(() => ({ at: position ?? options.defaultPosition ?? 50, drag: null }));
  // The videos are state: the sync follows them when one mounts, unmounts or is replaced.
  const [videos, setVideos] = useState<Partial<Record<VideoCompareSide, HTMLVideoElement | null>>>({});
  // Stable refs, made once: a new ref function per render would detach and attach each time.
  const [refs] = useState(() => {
    const keep =
      <K extends "root" | "divider" | "hold" | "seek" | "time">(part: K) =>
      (element: Dom[K]) =>
        void (dom[part] = element);
    const video = (side: VideoCompareSide) => (element: HTMLVideoElement | null) => {
      dom[side] = element;
      setVideos((known) => (known[side] === element ? known : { ...known, [side]: element }));
    };
    return { root: keep("root"), divider: keep("divider"), hold: keep("hold"), seek: keep("seek"), time: keep("time"), before: video("before"), after: video("after") };
  });
  // The latest options and labels, for DOM writes made from events.
  const [latest] = useState({ options, labels });
  useIsomorphicLayoutEffect(() => void Object.assign(latest, { options, labels }));

  // The edited video leads: the controls act on it and show its time; the original follows.
  useSyncedVideos(videos.after, videos.before, { frameRate: options.frameRate });

  const vertical = orientation === "vertical";
  const place = (value: number, report?: boolean) => {
    const at = (dom.at = Math.min(100, Math.max(0, value)));
    const shown = Math.round(at);
    dom.root?.style.setProperty(COMPARE_POSITION_PROPERTY, `${at}%`);
    dom.divider?.setAttribute("aria-valuenow", `${shown}`);
    dom.divider?.setAttribute("aria-valuetext", latest.labels.position(shown, latest.labels));
    if (report) latest.options.onPositionChange?.(at);
  };
  const commit = () => latest.options.onPositionCommit?.(dom.at);
  // A controlled position wins only when the prop changes, so a render mid-drag does not snap back.
  useIsomorphicLayoutEffect(() => {
    if (position !== undefined) place(position);
  }, [position]);
  // Audio and looping live on the elements, set before the autoplay effect below runs. (No
  // `muted` prop: React never renders it on the server, so hydration would mismatch.)
  useIsomorphicLayoutEffect(() => {
    if (dom.after) {
      dom.after.muted = audio !== "after";
      dom.after.loop = loop;
    }
    if (dom.before) dom.before.muted = audio !== "before";
  });
  useEffect(() => {
    const edited = dom.after;
    if (options.autoPlay && edited)
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
    const edited = dom.after;
    setReading(
      [dom.before, edited].map((video) => (!video ? "loading" : video.error ? "error" : video.readyState > 1 ? "ready" : "loading")) +
        (edited && !edited.paused ? ",playing" : ""),
    );
    if (!edited?.readyState) return;
    const { currentTime, duration, videoWidth, videoHeight } = edited;
    const text = latest.labels.time(currentTime, duration);
    if (dom.seek) {
      dom.seek.max = `${isFinite(duration) ? duration : 0}`;
      dom.seek.valueAsNumber = currentTime;
      dom.seek.setAttribute("aria-valuetext", text);
    }
    if (dom.time) dom.time.textContent = text;
    if (videoWidth && videoHeight) dom.root?.style.setProperty("--kling-compare-aspect", `${videoWidth / videoHeight}`);
  };
  // A new source resets its element at once; media events may also have fired before hydration
  // attached listeners (or before a video part mounted): read what the elements know.
  useIsomorphicLayoutEffect(read, [before, after, videos.before, videos.after]);

  const setHolding = (showing: boolean) => {
    dom.root?.toggleAttribute("data-showing", showing);
    dom.hold?.setAttribute("aria-pressed", `${showing}`);
  };
  const release = () => setHolding(false);
  // Press and hold shows the original (toggle mode), on the stage and on the hold button.
  const holdPointer = {
    onPointerDown: (event: PointerEvent) => {
      if (primary(event)) {
        capture(event);
        setHolding(true);
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
      setHolding(event.type === "keydown");
    }
  };

  const follow = (event: PointerEvent, { rect }: Gesture) =>
    place(vertical ? ((event.clientY - rect.top) / rect.height) * 100 : ((event.clientX - rect.left) / rect.width) * 100, true);
  const drag = (event: PointerEvent, gesture: Gesture) => {
    gesture.dragging = true;
    capture(event);
    follow(event, gesture);
  };
  const endDrag = (event: PointerEvent) => {
    const gesture = dom.drag;
    if (gesture?.id !== event.pointerId) return;
    dom.drag = null;
    if (gesture.dragging) commit();
  };
  const sliderPointer = {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      const target = event.target as Element;
      // Only the primary pointer drags, and not from native controls in the stage.
      if (!primary(event) || target.closest(NO_DRAG)) return;
      const gesture = (dom.drag = { id: event.pointerId, x: event.clientX, y: event.clientY, rect: event.currentTarget.getBoundingClientRect() });
      // A mouse means drag; a finger may mean scroll, so it waits for its first move.
      if (event.pointerType === "mouse" || dom.divider?.contains(target)) drag(event, gesture);
    },
    onPointerMove: (event: PointerEvent) => {
      const gesture = dom.drag;
      if (gesture?.id !== event.pointerId) return;
      if (gesture.dragging) return follow(event, gesture);
      const dx = Math.abs(event.clientX - gesture.x);
      const dy = Math.abs(event.clientY - gesture.y);
      if (Math.max(dx, dy) < SLOP) return;
      // The axis of the first move decides: across the divider drags, along it scrolls.
      if (vertical ? dy > dx : dx > dy) drag(event, gesture);
      else dom.drag = null;
    },
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
  };

  const [beforeState, afterState, playing] = reading.split(",") as [VideoCompareMediaState, VideoCompareMediaState, string?];
  const shown = Math.round(dom.at);
  const state: VideoCompareMediaState = reading.includes("error") ? "error" : reading.includes("loading") ? "loading" : "ready";
  const mediaEvents = { onLoadedMetadata: read, onLoadedData: read, onError: read, onDurationChange: read, onPlay: read, onPause: read };
  const togglePlay = () => {
    const video = dom.after;
    if (video?.paused) play(video);
    else video?.pause();
  };
  const seek = (seconds: number) => void (dom.after && (dom.after.currentTime = seconds));

  return {
    mode,
    setMode,
    orientation,
    audio,
    setAudio,
    loop,
    setLoop,
    playing: !!playing,
    media: { before: beforeState, after: afterState },
    state,
    labels,
    getPosition: () => dom.at,
    setPosition: (value) => {
      place(value, true);
      commit();
    },
    togglePlay,
    seek,
    setRate: (rate) => void (dom.after && (dom.after.playbackRate = rate)),
    setHolding,
    getRootProps: (props) =>
      mergeProps(
        {
          ref: refs.root,
          role: "group",
          "aria-label": labels.region,
          "data-mode": mode,
          "data-state": state,
          "data-orientation": orientation,
          style: { [COMPARE_POSITION_PROPERTY]: `${dom.at}%` } as CSSProperties,
        },
        props,
      ),
    getStageProps: (props) => mergeProps(mode === "slider" ? sliderPointer : mode === "toggle" ? holdPointer : {}, props),
    getPaneProps: (side, props) => mergeProps({ "data-side": side, "data-state": side === "before" ? beforeState : afterState } as VideoCompareElementProps<HTMLDivElement>, props),
    getVideoProps: (side, props) =>
      mergeProps(
        {
          ref: refs[side],
          src: options[side],
          playsInline: true,
          preload: "auto",
          "data-side": side,
          ...mediaEvents,
          // The time shown is the edited video's: the original's ticks need no reading.
          onTimeUpdate: side === "after" ? read : undefined,
        },
        props,
      ),
    getDividerProps: (props) =>
      mergeProps(
        {
          ref: refs.divider,
          role: "slider",
          tabIndex: 0,
          hidden: mode !== "slider",
          "aria-label": labels.divider,
          "aria-orientation": orientation,
          "aria-valuemin": 0,
          "aria-valuemax": 100,
          "aria-valuenow": shown,
          "aria-valuetext": labels.position(shown, labels),
          onKeyDown: (event: KeyboardEvent) => {
            const { key } = event;
            const step = KEY_STEPS[key];
            if (!step) return;
            event.preventDefault();
            // A horizontal divider moves down with ArrowDown, where the eye expects it.
            place(dom.at + (vertical && /^Arrow[UD]/.test(key) ? -step : step), true);
            commit();
          },
        },
        props,
      ),
    getHoldProps: (props) =>
      mergeProps({ ref: refs.hold, type: "button", "aria-pressed": false, onKeyDown: holdKey, onKeyUp: holdKey, onBlur: release, ...holdPointer }, props),
    getPlayProps: (props) =>
      mergeProps(
        {
          type: "button",
          "data-state": playing ? "playing" : "paused",
          onClick: togglePlay,
        },
        props,
      ),
    getSeekProps: (props) =>
      mergeProps(
        {
          ref: refs.seek,
          type: "range",
          min: 0,
          max: 0,
          step: "any",
          defaultValue: 0,
          "aria-label": labels.seek,
          onInput: (event: SyntheticEvent<HTMLInputElement>) => seek(+event.currentTarget.value),
        },
        props,
      ),
    getTimeProps: (props) => mergeProps({ ref: refs.time, children: labels.time(0, 0) }, props),
  };
}
