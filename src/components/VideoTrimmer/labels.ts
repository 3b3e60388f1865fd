/** Every string `VideoTrimmer` shows or announces; replace any of them through `labels`. */
export interface VideoTrimmerLabels {
  /** Accessible name of the whole trimmer. */
  region: string;
  /** Name of the start handle (`role="slider"`). */
  start: string;
  /** Name of the end handle. */
  end: string;
  /** Name of the selection itself, which moves the whole window (`role="slider"`). */
  window: string;
  /** A point in the clip, as shown and announced: `0:04.2`. */
  time: (seconds: number) => string;
  /** A length: `10 s`, `9.5 s`. */
  length: (seconds: number) => string;
  /** The start handle's `aria-valuetext`: "Start 0:04.2". */
  startText: (start: number, labels: VideoTrimmerLabels) => string;
  /** The end handle's `aria-valuetext`: "End 0:14.2 (10 s selected)". */
  endText: (end: number, length: number, labels: VideoTrimmerLabels) => string;
  /** The selection's `aria-valuetext`: "0:04.2 to 0:14.2". */
  windowText: (start: number, end: number, labels: VideoTrimmerLabels) => string;
  /** The line under the strip: what is selected of how much. */
  summary: (length: number, duration: number, labels: VideoTrimmerLabels) => string;
  /** Accessible name of the looping preview of the selection. */
  preview: string;
  play: string;
  pause: string;
  /** While the clip's length is not known yet. */
  loading: string;
  /** A clip shorter than the shortest accepted length: no window fits. */
  tooShort: (duration: number, minimum: number, labels: VideoTrimmerLabels) => string;
}

/** m:ss.t, the tenths rounded; an unknown time reads 0:00.0. */
function time(seconds: number): string {
  const tenths = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds * 10)) : 0;
  const whole = Math.floor(tenths / 10);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}.${tenths % 10}`;
}

export const DEFAULT_TRIMMER_LABELS: VideoTrimmerLabels = {
  region: "Trim the clip",
  start: "Start",
  end: "End",
  window: "Selection",
  time,
  length: (seconds) => `${Math.round(seconds * 10) / 10} s`,
  startText: (start, labels) => `${labels.start} ${labels.time(start)}`,
  endText: (end, length, labels) => `${labels.end} ${labels.time(end)} (${labels.length(length)} selected)`,
  windowText: (start, end, labels) => `${labels.time(start)} to ${labels.time(end)}`,
  summary: (length, duration, labels) => `${labels.length(length)} selected of ${labels.length(duration)}`,
  preview: "Preview of the selection",
  play: "Play selection",
  pause: "Pause",
  loading: "Reading the clip…",
  tooShort: (duration, minimum, labels) =>
    `This clip is ${labels.length(duration)} long; at least ${labels.length(minimum)} are needed.`,
};
