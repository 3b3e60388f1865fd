import { useEffect, useRef, useState } from "react";
import { UPLOAD_TYPES } from "../../core/uploads";

export { UPLOAD_TYPES };

/** Uploads a local file somewhere public and resolves to its URL; the library never uploads by itself. */
export type UploadFile = (
  file: File,
  options: { onProgress: (fraction: number) => void; signal: AbortSignal },
) => Promise<string>;

/** Uploading while `fraction` is set; `error` is the app's, or `WRONG_FILE_TYPE`. */
export interface UploadState {
  fraction?: number;
  error?: unknown;
}

/** Marks a refusal of the file's type, told apart from the app's upload errors. */
export const WRONG_FILE_TYPE = Symbol();

/**
 * One upload at a time of one kind of file (`video` or `image`) through the app's `uploadFile`:
 * progress as state, cancel through an AbortSignal, nothing reported after cancel or unmount.
 */

export function useUpload(uploadFile: UploadFile | undefined, kind: keyof typeof UPLOAD_TYPES) {
  const [state, setState] = useState<UploadState>({});
  const running = useRef<AbortController>(undefined);
  useEffect(() => () => running.current?.abort(), []);

  const cancel = (next: UploadState = {}) => {
    running.current?.abort();
    running.current = undefined;
    setState(next);
  };

  /** Uploads `file` and hands its URL to `apply`, unless cancelled or replaced meanwhile. */
  const take = async (file: File | undefined, apply: (url: string) => unknown) => {
    if (!file || !uploadFile) return;
    if (!UPLOAD_TYPES[kind].includes(file.type)) return cancel({ error: WRONG_FILE_TYPE });
    cancel({ fraction: 0 });
    const own = (running.current = new AbortController());
    const onProgress = (fraction: number) => {
      if (running.current === own) setState({ fraction: Math.min(1, Math.max(0, fraction)) });
    };
    let next: UploadState = {};
    let url = "";
    try {
      url = await uploadFile(file, { onProgress, signal: own.signal });
    } catch (error) {
      next = { error };
    }
    if (running.current !== own) return;
    running.current = undefined;
    setState(next);
    if (url) apply(url);
  };

  return { state, take, cancel: () => cancel() };
}
