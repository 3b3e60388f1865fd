import { useCallback, useEffect, useRef, useState } from "react";
import { isHttpUrl } from "../../core/validate";

/**
 * The URL to preview. Typed key by key, it waits until typing pauses: previewing every
 * keystroke would fetch "http://l/", "http://lo/", … A URL that arrives at once (pasted,
 * filled in, uploaded, set by a controlling parent) is previewed at once. `typed()` marks the
 * next change as a keystroke.
 */
export function usePreviewUrl(
  url: string,
  delayMs = 400,
): [string | undefined, (event: { nativeEvent: Event }) => void] {
  const [preview, setPreview] = useState(url);
  const keystroke = useRef(false);
  useEffect(() => {
    if (!keystroke.current) {
      setPreview(url);
      return;
    }
    keystroke.current = false;
    const timer = setTimeout(() => setPreview(url), delayMs);
    return () => clearTimeout(timer);
  }, [url, delayMs]);
  const typed = useCallback(({ nativeEvent }: { nativeEvent: Event }) => {
    const kind = (nativeEvent as InputEvent).inputType ?? "";
    keystroke.current = kind === "insertText" || kind.startsWith("deleteContent");
  }, []);
  return [isHttpUrl(preview) ? preview : undefined, typed];
}
