/** A trim window of a clip, in seconds: from `start` (included) to `end` (excluded). */
export interface ClipTrimRange {
  start: number;
  end: number;
}

/** What bounds a window: the clip's length and the accepted lengths of a selection. */
export interface ClipTrimBounds {
  duration: number;
  /** Shortest selection; the clip's length when the clip is shorter. */
  minLength: number;
  /** Longest selection; the clip's length when the clip is shorter. */
  maxLength: number;
}

export type ClipTrimEdge = "start" | "end";
/** What a gesture or a key moves: one edge, or the whole window. */
export type ClipTrimPart = ClipTrimEdge | "window";

/** Hundredths of a second: a pointer's position carries no more meaning than that. */
const round = (seconds: number) => Math.round(seconds * 100) / 100;
const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), Math.max(low, high));

export function trimBounds(duration: number, minSeconds: number, maxSeconds: number): ClipTrimBounds {
  const length = Math.max(0, duration);
  return { duration: length, minLength: Math.min(minSeconds, length), maxLength: Math.min(maxSeconds, length) };
}

/** Where a clip opens: from its start, as long as may be (a clip longer than the limit gets the longest window). */
export function initialRange({ maxLength }: ClipTrimBounds): ClipTrimRange {
  return { start: 0, end: maxLength };
}

/** The interval an edge may take while the other stays, or the starts the window may take. */
export function allowed(
  part: ClipTrimPart,
  { start, end }: ClipTrimRange,
  { duration, minLength, maxLength }: ClipTrimBounds,
): [number, number] {
  if (part === "start") return [Math.max(0, end - maxLength), Math.max(0, end - minLength)];
  if (part === "end") return [Math.min(duration, start + minLength), Math.min(duration, start + maxLength)];
  return [0, Math.max(0, duration - (end - start))];
}

/** Any window made to fit: inside the clip, its length within the bounds (the end gives way first). */
export function fitRange(range: ClipTrimRange, bounds: ClipTrimBounds): ClipTrimRange {
  const { duration, minLength, maxLength } = bounds;
  const length = clamp(range.end - range.start, minLength, maxLength);
  const start = clamp(range.start, 0, duration - length);
  return { start, end: Math.min(duration, start + length) };
}

/** Moves one part to `to` (an edge's time, or the window's start), within what it may take. */
export function moveRange(part: ClipTrimPart, to: number, range: ClipTrimRange, bounds: ClipTrimBounds): ClipTrimRange {
  const [low, high] = allowed(part, range, bounds);
  const at = clamp(round(to), low, high);
  if (part === "start") return { start: at, end: range.end };
  if (part === "end") return { start: range.start, end: at };
  return { start: at, end: at + (range.end - range.start) };
}

/** The value a part's slider shows: an edge's time, or the window's start. */
export function valueOf(part: ClipTrimPart, range: ClipTrimRange): number {
  return part === "end" ? range.end : range.start;
}

/** Key to step: arrows by `step`, PageUp/PageDown by `largeStep`, Home/End to the ends. */
export function keyTarget(
  key: string,
  value: number,
  [low, high]: [number, number],
  step: number,
  largeStep: number,
): number | undefined {
  switch (key) {
    case "ArrowLeft":
    case "ArrowDown":
      return value - step;
    case "ArrowRight":
    case "ArrowUp":
      return value + step;
    case "PageDown":
      return value - largeStep;
    case "PageUp":
      return value + largeStep;
    case "Home":
      return low;
    case "End":
      return high;
    default:
      return undefined;
  }
}

export const sameRange = (a: ClipTrimRange, b: ClipTrimRange) => a.start === b.start && a.end === b.end;
