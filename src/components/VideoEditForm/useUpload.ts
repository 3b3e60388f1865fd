import { useCallback, useEffect, useRef, useState } from "react";

/** Uploads a local file somewhere public and resolves to its URL; the library never uploads by itself. */
export type UploadFile = (
  file: File,
  options: { onProgress: (fraction: number) => void; signal: AbortSignal },
) => Promise<string>;

export type UploadState =
  | { status: "idle" }
  | { status: "uploading"; fraction: number; name: string }
  | { status: "error"; error: unknown };

/**
 * One upload at a time through the app's `uploadFile`: progress as state, cancel through an
 * AbortSignal, and nothing reported after cancel or unmount.
 */
export function useUpload(uploadFile: UploadFile | undefined) {
  const [state, setState] = useState<UploadState>({ status: "idle" });
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => controller.current?.abort(), []);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setState({ status: "idle" });
  }, []);

  const start = useCallback(
    async (file: File): Promise<string | undefined> => {
      if (!uploadFile) return undefined;
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      setState({ status: "uploading", fraction: 0, name: file.name });
      const onProgress = (fraction: number) => {
        if (controller.current !== own) return;
        const clamped = Math.min(1, Math.max(0, fraction));
        setState({ status: "uploading", fraction: clamped, name: file.name });
      };
      try {
        const url = await uploadFile(file, { onProgress, signal: own.signal });
        if (controller.current !== own) return undefined;
        controller.current = undefined;
        setState({ status: "idle" });
        return url;
      } catch (error) {
        if (controller.current !== own) return undefined;
        controller.current = undefined;
        setState({ status: "error", error });
        return undefined;
      }
    },
    [uploadFile],
  );

  /** Reports a refusal that happened before any upload (a file of the wrong type). */
  const fail = useCallback((error: unknown) => setState({ status: "error", error }), []);

  return { state, start, cancel, fail };
}
