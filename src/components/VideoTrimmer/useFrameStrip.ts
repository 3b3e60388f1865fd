import { useEffect, useState } from "react";

/** One picture of the strip: the time it shows, and its image once drawn. */
export interface ClipTrimFrame {
  time: number;
  /** An object URL of a small JPEG; undefined until drawn (or where this browser cannot draw it). */
  src?: string;
}

/** Height of a drawn frame, px: twice the strip's default height, for sharp pictures on dense screens. */
const FRAME_HEIGHT = 96;

/** An object URL of `file` while mounted (made after mount, so server and client render alike), revoked after. */
export function useObjectUrl(file: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<{ file: Blob; url: string }>();
  useEffect(() => {
    if (!file || typeof URL.createObjectURL !== "function") return;
    const made = { file, url: URL.createObjectURL(file) };
    // eslint-disable-next-line react-hooks/set-state-in-effect -- made after mount (an object URL made in render would leak under StrictMode), revoked with it
    setUrl(made);
    return () => URL.revokeObjectURL(made.url);
  }, [file]);
  return url && url.file === file ? url.url : undefined;
}

/** Resolves on the element's first `type` event; rejects on an error or when `signal` aborts. */
function once(video: HTMLVideoElement, type: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => () => {
      video.removeEventListener(type, ok);
      video.removeEventListener("error", failed);
      signal.removeEventListener("abort", failed);
      settle();
    };
    const ok = done(resolve);
    const failed = done(() => reject(video.error ?? signal.reason));
    video.addEventListener(type, ok);
    video.addEventListener("error", failed);
    signal.addEventListener("abort", failed);
  });
}

const evenly = (count: number, duration: number): ClipTrimFrame[] =>
  Array.from({ length: count }, (_, i) => ({ time: ((i + 0.5) * duration) / count }));

/**
 * A handful of pictures across the clip, drawn one after the other from a hidden `<video>` of
 * `url` onto a small canvas, once the strip is on screen (`element` in view) and only then.
 * Nothing is drawn where the browser cannot decode the clip or has no canvas: the strip stays
 * empty and the trimmer works the same.
 */
export function useFrameStrip(
  url: string | undefined,
  duration: number | undefined,
  count: number,
  element: Element | null,
): ClipTrimFrame[] {
  const [drawn, setDrawn] = useState<{ key: string; frames: ClipTrimFrame[] }>();
  const key = `${url}|${duration}|${count}`;

  useEffect(() => {
    if (!url || !duration || !(count > 0) || !element || typeof document === "undefined") return;
    const stop = new AbortController();
    const made: string[] = [];
    let observer: IntersectionObserver | undefined;

    const draw = async () => {
      const video = document.createElement("video");
      video.muted = true;
      video.playsInline = true;
      video.preload = "auto";
      video.src = url;
      const canvas = document.createElement("canvas");
      try {
        await once(video, "loadeddata", stop.signal);
        const frames = evenly(count, duration);
        for (let i = 0; i < frames.length; i++) {
          video.currentTime = frames[i]!.time;
          await once(video, "seeked", stop.signal);
          const aspect = video.videoWidth / video.videoHeight || 16 / 9;
          canvas.height = FRAME_HEIGHT;
          canvas.width = Math.round(FRAME_HEIGHT * aspect);
          const context = canvas.getContext("2d");
          if (!context) return;
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.7));
          if (!blob || stop.signal.aborted) return;
          const src = URL.createObjectURL(blob);
          made.push(src);
          frames[i] = { ...frames[i]!, src };
          setDrawn({ key, frames: frames.slice() });
        }
      } catch {
        // Not decodable here, or left: the strip stays without pictures.
      } finally {
        // Lets the browser drop the decoder at once.
        video.removeAttribute("src");
      }
    };

    if (typeof IntersectionObserver === "function") {
      observer = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer?.disconnect();
        void draw();
      });
      observer.observe(element);
    } else void draw();

    return () => {
      observer?.disconnect();
      stop.abort();
      for (const src of made) URL.revokeObjectURL(src);
    };
  }, [url, duration, count, element, key]);

  return drawn?.key === key ? drawn.frames : duration ? evenly(count, duration) : [];
}
