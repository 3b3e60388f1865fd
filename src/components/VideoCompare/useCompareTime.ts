import { useMemo, useSyncExternalStore } from "react";
import type { UseVideoCompareResult, VideoCompareTimeState } from "./types";

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
  const { currentTime, duration } = useSyncExternalStore(reader.subscribe, reader.get, getServerTime);
  return { currentTime, duration, seek: compare.seek };
}

const SERVER_TIME: VideoCompareTimeState = { currentTime: 0, duration: 0 };
const getServerTime = () => SERVER_TIME;

/** One reading, rounded and kept between notifications (a snapshot must not move while React reads it). */
function createTimeReader(
  getTime: UseVideoCompareResult["getTime"],
  subscribeTime: UseVideoCompareResult["subscribeTime"],
  fps: number,
) {
  const read = (): VideoCompareTimeState => {
    const { currentTime, duration } = getTime();
    return { currentTime: Math.round(currentTime * fps) / fps, duration };
  };
  let time = read();
  return {
    get: () => time,
    subscribe(listener: () => void) {
      let frame = 0;
      let last = 0;
      let seen = getTime().currentTime;
      const update = () => {
        seen = getTime().currentTime;
        const next = read();
        if (next.currentTime === time.currentTime && next.duration === time.duration) return;
        time = next;
        listener();
      };
      // Between the element's own `timeupdate`s (about 4 a second), a frame loop at `fps`,
      // which stops once the time stands still (paused) and restarts with the next update.
      const loop = (now: number) => {
        frame = 0;
        if (getTime().currentTime === seen) return;
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
