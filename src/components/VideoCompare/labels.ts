import { clock } from "../shared";
export type VideoCompareMode = "slider" | "side-by-side" | "toggle";
/** Whose soundtrack is heard: the edited video's, the original's, or none. */
export type VideoCompareAudio = "after" | "before" | "off";

/** Every string VideoCompare shows or announces; replace any of them through `labels`. */
export interface VideoCompareLabels {
  /** Accessible name of the whole comparison. */
  region: string;
  /** Name of the source video (captions, audio choice, divider text). */
  before: string;
  /** Name of the edited video. */
  after: string;
  /** Accessible name of the divider (`role="slider"`). */
  divider: string;
  /** The divider's `aria-valuetext`; `beforePercent` is the share of the original shown. */
  position: (beforePercent: number, labels: VideoCompareLabels) => string;
  controls: string;
  play: string;
  pause: string;
  seek: string;
  /** Elapsed and total time, shown next to the seek bar and read as its value. */
  time: (seconds: number, duration: number) => string;
  rate: string;
  loop: string;
  audio: string;
  audioOff: string;
  mode: string;
  modeSlider: string;
  modeSideBySide: string;
  modeToggle: string;
  /** The toggle mode's press-and-hold button. */
  hold: string;
  loading: string;
  error: string;
  download: string;
}

export const DEFAULT_VIDEO_COMPARE_LABELS: VideoCompareLabels = {
  region: "Video comparison",
  before: "Original",
  after: "Edited",
  divider: "Comparison divider",
  position: (before, labels) => `${labels.before} ${before} % / ${labels.after} ${100 - before} %`,
  controls: "Playback controls",
  play: "Play",
  pause: "Pause",
  seek: "Seek",
  time: (seconds, duration) => `${clock(seconds)} / ${clock(duration)}`,
  rate: "Speed",
  loop: "Loop",
  audio: "Audio",
  audioOff: "Muted",
  mode: "Comparison mode",
  modeSlider: "Slider",
  modeSideBySide: "Side by side",
  modeToggle: "Toggle",
  hold: "Hold to see original",
  loading: "Loading video…",
  error: "This video could not be loaded.",
  download: "Download edited video",
};
