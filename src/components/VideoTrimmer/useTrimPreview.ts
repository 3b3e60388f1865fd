/* eslint-disable react-hooks/immutability -- `dom` is the mutable holder of the preview element and of a gesture's hold: events write to it so that they render nothing */
import { useEffect, useState, type SyntheticEvent } from "react";
import { readVideoDuration } from "../../core/video-duration";
import type { ClipTrimRange } from "./range";
import { useObjectUrl } from "./useFrameStrip";

/** Plays; a refusal (autoplay rules, a source gone) leaves it paused, which the play button shows. */
const play = (video: HTMLVideoElement) => void video.play().catch(() => undefined);

/** A preview that went back this far before the window's start (a seek of its own) is brought back in. */
const BEFORE_START = 0.25;

export interface TrimPreview {
  /** The object URL of the file, once mounted. */
  url?: string;
  /** The clip's length: `info`'s, else read from the file. */
  duration?: number;
  playing: boolean;
  /** Shows the frame at `seconds`. */
  show: (seconds: number) => void;
  /** Pauses for a gesture; true if it was playing. */
  hold: () => boolean;
  /** Ends a gesture's hold: plays the window from its start if it played before. */
  release: (resume: boolean) => void;
  toggle: () => void;
  ref: (element: HTMLVideoElement | null) => void;
  events: {
    onLoadedMetadata: (event: SyntheticEvent<HTMLVideoElement>) => void;
    onPlay: () => void;
    onPause: () => void;
    onTimeUpdate: () => void;
    onEnded: () => void;
  };
}

/**
 * The trimmer's preview: an object URL of the file, the clip's length (read from the file when
 * `info` does not give it), and a `<video>` kept looping over the window that `range()` gives
 * (checked on every animation frame while it plays, and on its time updates).
 */
export function useTrimPreview(
  file: Blob | undefined,
  known: number | undefined,
  range: () => ClipTrimRange,
): TrimPreview {
  const url = useObjectUrl(file);
  const [read, setRead] = useState<{ file?: Blob; seconds: number }>();
  const [playing, setPlaying] = useState(false);
  const [dom] = useState<{ video?: HTMLVideoElement | null; held?: boolean }>({});
  const [ref] = useState(() => (element: HTMLVideoElement | null) => void (dom.video = element));
  const duration = known ?? (read?.file === file ? read?.seconds : undefined);

  // Without `info`, the length comes from the file itself.
  useEffect(() => {
    if (!file || known) return;
    const stop = new AbortController();
    void readVideoDuration(file, { signal: stop.signal }).then(
      (seconds) => seconds && setRead({ file, seconds }),
      () => undefined,
    );
    return () => stop.abort();
  }, [file, known]);

  const loop = () => {
    const video = dom.video;
    const { start, end } = range();
    if (!video || end <= start || dom.held) return;
    if (video.currentTime >= end || video.currentTime < start - BEFORE_START || video.ended) {
      video.currentTime = start;
      if (video.paused) play(video);
    }
  };
  useEffect(() => {
    if (!playing || typeof requestAnimationFrame !== "function") return;
    let frame = 0;
    const tick = () => {
      loop();
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  });

  const show = (seconds: number) => {
    if (dom.video && dom.video.readyState > 0) dom.video.currentTime = seconds;
  };
  return {
    url,
    duration,
    playing,
    show,
    hold: () => {
      const video = dom.video;
      dom.held = true;
      if (!video || video.paused) return false;
      video.pause();
      return true;
    },
    release: (resume) => {
      dom.held = false;
      if (!resume || !dom.video) return;
      show(range().start);
      play(dom.video);
    },
    toggle: () => {
      const video = dom.video;
      dom.held = false;
      if (!video) return;
      if (!video.paused) return video.pause();
      loop();
      play(video);
    },
    ref,
    events: {
      onLoadedMetadata: ({ currentTarget: video }) => {
        if (!known && file && video.duration > 0 && video.duration < Infinity)
          setRead({ file, seconds: video.duration });
        show(range().start);
      },
      onPlay: () => setPlaying(true),
      onPause: () => setPlaying(false),
      onTimeUpdate: loop,
      onEnded: loop,
    },
  };
}
