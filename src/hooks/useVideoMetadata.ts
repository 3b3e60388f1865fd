import { useCallback, useRef, useState, type SyntheticEvent } from "react";
import { useIsomorphicLayoutEffect } from "./isomorphic";

/** Why a video's metadata could not be read (from `MediaError.code`, or a length the page cannot use). */
export type VideoMetadataFailure = "aborted" | "network" | "decode" | "unsupported" | "no_duration";

export type VideoMetadata =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "loaded"; duration: number; width: number; height: number }
  | { state: "error"; reason: VideoMetadataFailure };

export interface UseVideoMetadataResult {
  metadata: VideoMetadata;
  /** Spread on the `<video>` whose `src` is the URL given to the hook. */
  videoProps: {
    onLoadedMetadata: (event: SyntheticEvent<HTMLVideoElement>) => void;
    onError: (event: SyntheticEvent<HTMLVideoElement>) => void;
  };
}

// MediaError codes 1–4, in order. A cross-origin refusal or a broken link both end as 4 or 2.
const MEDIA_ERRORS: readonly VideoMetadataFailure[] = ["aborted", "network", "decode", "unsupported"];

export interface UseVideoMetadataOptions {
  /** Called when the metadata of the current video has been read (an event, not an effect). */
  onLoaded?: (metadata: Extract<VideoMetadata, { state: "loaded" }>) => void;
}

type Reading = { src: string; metadata: VideoMetadata };

/**
 * Reads a video's duration and size from the element that previews it: no extra request, and
 * nothing during render, so it is safe on the server. The result belongs to one `src`: when the
 * URL changes, what was read of the previous one is not reported.
 */
export function useVideoMetadata(
  src: string | undefined,
  options: UseVideoMetadataOptions = {},
): UseVideoMetadataResult {
  const [reading, setReading] = useState<Reading | undefined>();
  // The latest callback, read when the event comes, so an inline function costs nothing.
  const onLoaded = useRef(options.onLoaded);
  useIsomorphicLayoutEffect(() => {
    onLoaded.current = options.onLoaded;
  });

  // One handler for both events: what was read, or why nothing could be.
  const onEvent = useCallback((event: SyntheticEvent<HTMLVideoElement>) => {
    const video = event.currentTarget;
    const { duration, error } = video;
    // Live streams report Infinity and some broken files NaN: neither is a length to bill.
    const metadata: VideoMetadata =
      event.type === "error"
        ? { state: "error", reason: MEDIA_ERRORS[(error?.code ?? 4) - 1] ?? "unsupported" }
        : duration > 0 && duration < Infinity
          ? { state: "loaded", duration, width: video.videoWidth, height: video.videoHeight }
          : { state: "error", reason: "no_duration" };
    // The attribute is the prop exactly; `currentSrc` is the browser's normalised URL.
    setReading({ src: video.getAttribute("src") ?? video.currentSrc, metadata });
    if (metadata.state === "loaded") onLoaded.current?.(metadata);
  }, []);

  const metadata: VideoMetadata = !src
    ? { state: "idle" }
    : reading?.src === src
      ? reading.metadata
      : { state: "loading" };
  return { metadata, videoProps: { onLoadedMetadata: onEvent, onError: onEvent } };
}
