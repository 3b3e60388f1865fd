import { useMemo, useSyncExternalStore } from "react";
import type { UseVideoCompareResult } from "./types";

export interface UseCompareTimeOptions {
  /** Readings per second while the video plays (renders at most this often). Default 4. */
  fps?: number;
}

export interface UseCompareTimeResult {
  /** The edited video's time (seconds), rounded to 1 / fps. */
  currentTime: number;
  /** Its length (seconds); 0 while unknown. */
  duration: number;
  /** Seeks the edited video; the original follows. */
  seek: (seconds: number) => void;
}

/**
 * The comparison's time as React state, read at a chosen rate: for a seek bar of your own (a
 * design system's slider). Renders only when the time rounded to `1 / fps` changes, at most
 * `fps` times a second while playing, and at once on a seek or a pause.
 */
export function useCompareTime(
  compare: Pick<UseVideoCompareResult, "getTime" | "subscribeTime" | "seek">,
  { fps = 4 }: UseCompareTimeOptions = {},
): UseCompareTimeResult {
  const { getTime, subscribeTime } = compare;
  const reader = useMemo(() => createTimeReader(getTime, subscribeTime, fps), [getTime, subscribeTime, fps]);
  const currentTime = useSyncExternalStore(reader.subscribe, reader.currentTime, () => 0);
  const duration = useSyncExternalStore(reader.subscribe, reader.duration, () => 0);
  return { currentTime, duration, seek: compare.seek };
}

/** Readings cached between notifications (a snapshot must not move while React reads it). */
function createTimeReader(
  getTime: UseVideoCompareResult["getTime"],
  subscribeTime: UseVideoCompareResult["subscribeTime"],
  fps: number,
) {
  let time = getTime();
  const round = (seconds: number) => Math.round(seconds * fps) / fps;
  return {
    currentTime: () => round(time.currentTime),
    duration: () => time.duration,
    subscribe(listener: () => void) {
      let frame = 0;
      let last = 0;
      const update = () => {
        time = getTime();
        listener();
      };
      // Between the element's own `timeupdate`s (about 4 a second), a frame loop at `fps`,
      // which stops once the time stands still (paused) and restarts with the next update.
      const loop = (now: number) => {
        frame = 0;
        if (getTime().currentTime === time.currentTime) return;
        if (now - last >= 1000 / fps) {
          last = now;
          update();
        }
        frame = requestAnimationFrame(loop);
      };
      const stop = subscribeTime(() => {
        update();
        if (fps > 4 && !frame) frame = requestAnimationFrame(loop);
      });
      return () => {
        stop();
        cancelAnimationFrame(frame);
      };
    },
  };
}
