export interface ReadVideoDurationOptions {
  /** Stops the reading: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How long to wait for the browser's answer before giving up (undefined). Default 10 s. */
  timeoutMs?: number;
}

/** Long enough for a slow disk; a browser that never answers (some do not for some files) must not hold the upload. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A local video's length in seconds, read by the browser from the file itself: a `<video>` with
 * `preload="metadata"` on an object URL (revoked after), so nothing is uploaded or played.
 * Undefined when this browser cannot tell: no DOM (server rendering), a codec it does not
 * decode, a length that is not finite, or no answer within `timeoutMs`.
 */
export function readVideoDuration(
  file: Blob,
  { signal, timeoutMs = DEFAULT_TIMEOUT_MS }: ReadVideoDurationOptions = {},
): Promise<number | undefined> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (typeof document === "undefined" || typeof URL.createObjectURL !== "function") return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const video = document.createElement("video");
    const source = URL.createObjectURL(file);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      video.onloadedmetadata = video.onerror = null;
      // Lets the browser drop the decoder and the file's bytes at once.
      video.removeAttribute("src");
      URL.revokeObjectURL(source);
      settle();
    };
    const onAbort = () => finish(() => reject(signal!.reason));
    const timer = setTimeout(() => finish(() => resolve(undefined)), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    video.onloadedmetadata = () => {
      const { duration } = video;
      finish(() => resolve(duration > 0 && duration < Infinity ? duration : undefined));
    };
    video.onerror = () => finish(() => resolve(undefined));
    video.muted = true;
    video.preload = "metadata";
    video.src = source;
  });
}
