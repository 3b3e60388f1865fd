import { useEffect, useRef, useState } from "react";
import type { KlingLimits } from "../../core/limits";
import { checkUpload, UPLOAD_TYPES, type UploadIssue, type UploadKind } from "../../core/uploads";

export { UPLOAD_TYPES };

import type { UploadFile } from "../../core/uploader";

export type { UploadFile };

/** Uploading while `fraction` is set; `refused` when `checkUpload` said no, `error` when the app's upload failed. */
export interface UploadState {
  fraction?: number;
  refused?: UploadIssue;
  error?: unknown;
}

export interface UseUploadResult {
  state: UploadState;
  status: "idle" | "uploading" | "error";
  /** Checks the file (`checkUpload`: type and size), uploads it and hands its URL to `apply`, unless cancelled or replaced meanwhile. */
  take: (file: File | undefined, apply: (url: string) => unknown) => Promise<void>;
  cancel: () => void;
}

/**
 * One upload at a time of one kind of file (`video` or `image`) through the app's `uploadFile`:
 * the core's `checkUpload` first (nothing is sent for a wrong type or an oversized file),
 * progress as state, cancel through an AbortSignal, nothing reported after cancel or unmount.
 */
export function useUpload(
  uploadFile: UploadFile | undefined,
  kind: UploadKind,
  limits?: Partial<KlingLimits>,
): UseUploadResult {
  const [state, setState] = useState<UploadState>({});
  const running = useRef<AbortController>(undefined);
  useEffect(() => () => running.current?.abort(), []);

  const cancel = (next: UploadState = {}) => {
    running.current?.abort();
    running.current = undefined;
    setState(next);
  };

  const take = async (file: File | undefined, apply: (url: string) => unknown) => {
    if (!file || !uploadFile) return;
    const refused = checkUpload({ kind, name: file.name, type: file.type, size: file.size }, limits);
    if (refused) return cancel({ refused });
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

  const status = state.fraction !== undefined ? "uploading" : state.refused || "error" in state ? "error" : "idle";
  return { state, status, take, cancel: () => cancel() };
}
