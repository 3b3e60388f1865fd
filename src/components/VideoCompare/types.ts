import type { ButtonHTMLAttributes, HTMLAttributes, InputHTMLAttributes, Ref, VideoHTMLAttributes } from "react";
import type { VideoCompareAudio, VideoCompareLabels, VideoCompareMode } from "./labels";

/** `before` is the original (source) video, `after` the edited one. */
export type VideoCompareSide = "before" | "after";
/** What a video element knows of its source: `loading` until it has a frame to show. */
export type VideoCompareMediaState = "loading" | "ready" | "error";
export type VideoCompareOrientation = "horizontal" | "vertical";
/** Writing direction: `rtl` puts the original on the right and mirrors pointer and arrow keys. */
export type VideoCompareDirection = "ltr" | "rtl";

export interface UseVideoCompareOptions {
  /** URL of the original (source) video. */
  before: string;
  /** URL of the edited video: it leads playback, and its audio is heard by default. */
  after: string;
  mode?: VideoCompareMode;
  defaultMode?: VideoCompareMode;
  onModeChange?: (mode: VideoCompareMode) => void;
  /** Divider position, 0–100: the share of the original shown (from the start side, or the top). */
  position?: number;
  defaultPosition?: number;
  /** Every move of the divider (each pointer move, each key press); renders nothing by itself. */
  onPositionChange?: (position: number) => void;
  /** The end of a gesture: pointer release, and each key press. */
  onPositionCommit?: (position: number) => void;
  /** Positions are rounded to this step (percent). Default 0.1: a pixel on a 1000 px stage. */
  step?: number;
  /** "horizontal" (default) puts the original left of a vertical line; "vertical" above a horizontal one. */
  orientation?: VideoCompareOrientation;
  /** "rtl" puts the original on the right (horizontal only): dragging and arrow keys are mirrored. */
  dir?: VideoCompareDirection;
  /** Nothing the user does moves the divider, holds, plays or seeks; the videos stay as they are. */
  disabled?: boolean;
  /**
   * Another slider (a design system's) drives the divider: the divider is still drawn and
   * dragged, but it is no slider for screen readers or the keyboard. Give your slider
   * `getDividerValueProps()` so it keeps the name and the value text.
   */
  externalSlider?: boolean;
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
export type VideoCompareButtonProps = VideoCompareElementProps<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement>
>;
export type VideoCompareVideoProps = VideoCompareElementProps<HTMLVideoElement, VideoHTMLAttributes<HTMLVideoElement>>;
export type VideoCompareInputProps = VideoCompareElementProps<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>;
type DivGetter = (props?: VideoCompareElementProps<HTMLDivElement>) => VideoCompareElementProps<HTMLDivElement>;

/** The edited video's time and length (seconds); `duration` is 0 while unknown. */
export interface VideoCompareTimeState {
  currentTime: number;
  duration: number;
}

export interface UseVideoCompareResult {
  mode: VideoCompareMode;
  setMode: (mode: VideoCompareMode) => void;
  orientation: VideoCompareOrientation;
  dir: VideoCompareDirection;
  disabled: boolean;
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
  /** Moves the divider (clamped to 0–100, rounded to `step`) and reports it, as a gesture would. */
  setPosition: (position: number) => void;
  togglePlay: () => void;
  /** Seeks the edited video (seconds); the original follows. */
  seek: (seconds: number) => void;
  /** The edited video's time now (read from the element: no render). */
  getTime: () => VideoCompareTimeState;
  /** Calls `listener` on each time update, seek and change of length; `useCompareTime` reads it at a chosen rate. */
  subscribeTime: (listener: () => void) => () => void;
  /** Playback rate of both videos. */
  setRate: (rate: number) => void;
  /** Shows the original while `true` (toggle mode's press and hold). */
  setHolding: (holding: boolean) => void;
  // Prop getters: spread the result on the element; pass the element's own props in to merge.
  getRootProps: DivGetter;
  getStageProps: DivGetter;
  getPaneProps: (
    side: VideoCompareSide,
    props?: VideoCompareElementProps<HTMLDivElement>,
  ) => VideoCompareElementProps<HTMLDivElement>;
  getVideoProps: (side: VideoCompareSide, props?: VideoCompareVideoProps) => VideoCompareVideoProps;
  getDividerProps: DivGetter;
  /**
   * For a slider of your own (a design system's thumb) that drives the divider: its name,
   * range and value text, kept current without renders. With `externalSlider` it is the one
   * slider screen readers meet.
   */
  getDividerValueProps: <E extends HTMLElement = HTMLElement>(
    props?: VideoCompareElementProps<E>,
  ) => VideoCompareElementProps<E>;
  getHoldProps: (props?: VideoCompareButtonProps) => VideoCompareButtonProps;
  getPlayProps: (props?: VideoCompareButtonProps) => VideoCompareButtonProps;
  getSeekProps: (props?: VideoCompareInputProps) => VideoCompareInputProps;
  getTimeProps: (props?: VideoCompareElementProps<HTMLElement>) => VideoCompareElementProps<HTMLElement>;
}
