import type { VideoCompareMediaState, VideoCompareSide, VideoCompareTimeState } from "./types";

/** What React shows of the two videos: one object, replaced only when a reading changes. */
export interface CompareMediaSnapshot {
  before: VideoCompareMediaState;
  after: VideoCompareMediaState;
  /** The edited video plays. */
  playing: boolean;
  /** The elements themselves: the sync follows a video that mounts, unmounts or is replaced. */
  beforeVideo: HTMLVideoElement | null;
  afterVideo: HTMLVideoElement | null;
}

// Every event after which readyState, error or paused may read differently. A seek drops
// readyState to HAVE_METADATA and raises it again with `seeked`/`canplay`: reading on pause
// alone left a pane "loading" over a loaded video.
// (`ended` comes with `pause`, and `canplaythrough` after `canplay`.)
const STATE_EVENTS = [
  "emptied",
  "error",
  "loadedmetadata",
  "loadeddata",
  "canplay",
  "waiting",
  "playing",
  "play",
  "pause",
  "seeking",
  "seeked",
];
// The edited video's time, length and shape.
const TIME_EVENTS = ["timeupdate", "seeking", "seeked", "durationchange", "loadedmetadata", "emptied", "resize"];

const SERVER: CompareMediaSnapshot = {
  before: "loading",
  after: "loading",
  playing: false,
  beforeVideo: null,
  afterVideo: null,
};

/** `loading` until the element has a frame for its source; a seek keeps the frame it shows. */
export function mediaStateOf(video: HTMLVideoElement | null): VideoCompareMediaState {
  if (!video) return "loading";
  if (video.error) return "error";
  return video.readyState >= 2 || (video.seeking && video.readyState >= 1) ? "ready" : "loading";
}

export type CompareMediaStore = ReturnType<typeof createCompareMedia>;

/**
 * The two video elements as one external store (for `useSyncExternalStore`): their media
 * state and playback as a snapshot, and the edited video's time as a channel of its own,
 * so that time updates render nothing unless a reader asks for them.
 */
export function createCompareMedia() {
  const videos: Record<VideoCompareSide, HTMLVideoElement | null> = { before: null, after: null };
  const listeners = new Set<() => void>();
  const timeListeners = new Set<() => void>();
  let snapshot = SERVER;

  const read = () => {
    const { before, after } = videos;
    const next = {
      before: mediaStateOf(before),
      after: mediaStateOf(after),
      playing: !!after && !after.paused,
      beforeVideo: before,
      afterVideo: after,
    };
    if ((Object.keys(next) as Array<keyof CompareMediaSnapshot>).some((key) => next[key] !== snapshot[key])) {
      snapshot = next;
      for (const listener of listeners) listener();
    }
  };
  const tick = () => {
    for (const listener of timeListeners) listener();
  };
  const listen = (video: HTMLVideoElement, on: boolean, side: VideoCompareSide) => {
    const method = on ? "addEventListener" : "removeEventListener";
    for (const type of STATE_EVENTS) video[method](type, read);
    if (side === "after") for (const type of TIME_EVENTS) video[method](type, tick);
  };
  // Stable ref callbacks, one per side.
  const attach = (side: VideoCompareSide) => (video: HTMLVideoElement | null) => {
    const old = videos[side];
    if (old === video) return;
    if (old) listen(old, false, side);
    videos[side] = video;
    if (video) listen(video, true, side);
    // Events may have fired before hydration attached anything: read what the element knows.
    read();
    if (side === "after") tick();
  };

  return {
    refs: { before: attach("before"), after: attach("after") },
    video: (side: VideoCompareSide) => videos[side],
    /** Reads the elements again (a new source resets its element at once). */
    read,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => SERVER,
    subscribeTime(listener: () => void) {
      timeListeners.add(listener);
      return () => void timeListeners.delete(listener);
    },
    getTime(): VideoCompareTimeState {
      const after = videos.after;
      const duration = after?.duration ?? 0;
      return { currentTime: after?.currentTime ?? 0, duration: isFinite(duration) ? duration : 0 };
    },
  };
}
