import { isKlingError, KlingError, KLING_ERROR_CODES, type KlingErrorCode } from "../errors";
import type { PrepareClipOptions, PreparedClip } from "./types";

// prepareClip off the page's thread, in a dedicated worker the app makes (a worker file inside a
// package needs each bundler's own handling; a two-line file of the app's own does not):
//
//   // clip.worker.ts
//   import { serveClipWorker } from "react-kling-edit";
//   serveClipWorker();
//
//   // the page
//   const worker = new Worker(new URL("./clip.worker.ts", import.meta.url), { type: "module" });
//   const prepared = await prepareClipInWorker(worker, file, { start, end, signal, onProgress });

type Options = Omit<PrepareClipOptions, "signal" | "onProgress">;

type Request = { id: number; type: "prepare"; file: Blob; options: Options } | { id: number; type: "abort" };

type Reply =
  | { id: number; type: "progress"; fraction: number }
  | { id: number; type: "done"; prepared: PreparedClip }
  | { id: number; type: "error"; name: string; message: string; code?: string };

/** What `serveClipWorker` listens on: a dedicated worker's global scope. */
export interface ClipWorkerScope {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
}

/** Runs in the worker: answers `prepareClipInWorker`'s requests with `prepareClip`. */
export function serveClipWorker(scope: ClipWorkerScope = globalThis as unknown as ClipWorkerScope): void {
  const running = new Map<number, AbortController>();
  // Every failure is caught and answered below, so the listener's promise never rejects.
  const serve = async (request: Extract<Request, { type: "prepare" }>) => {
    const controller = new AbortController();
    running.set(request.id, controller);
    const { id } = request;
    const reply = (message: Reply) => scope.postMessage(message);
    try {
      const { prepareClip } = await import("./prepare");
      const prepared = await prepareClip(request.file, {
        ...request.options,
        signal: controller.signal,
        onProgress: (fraction) => reply({ id, type: "progress", fraction }),
      });
      reply({ id, type: "done", prepared });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
      reply({ id, type: "error", name, message, ...(isKlingError(error) && { code: error.code }) });
    } finally {
      running.delete(id);
    }
  };
  scope.addEventListener("message", (event: MessageEvent<Request>) => {
    const request = event.data;
    if (request.type === "abort") running.get(request.id)?.abort();
    else void serve(request);
  });
}

let requests = 0;

/**
 * `prepareClip` in a worker that runs `serveClipWorker`: the same options and answer, the page's
 * thread free meanwhile. `signal` stops the work in the worker and rejects with its reason;
 * errors come back as the `KlingError`s `prepareClip` throws.
 */
export function prepareClipInWorker(
  worker: Worker,
  file: Blob,
  options: PrepareClipOptions = {},
): Promise<PreparedClip> {
  const { signal, onProgress, ...rest } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const id = ++requests;
  return new Promise<PreparedClip>((resolve, reject) => {
    const stop = () => {
      worker.postMessage({ id, type: "abort" } satisfies Request);
      settle();
      reject(signal?.reason);
    };
    const listen = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      if (reply?.id !== id) return;
      if (reply.type === "progress") return onProgress?.(reply.fraction);
      settle();
      if (reply.type === "done") return resolve(reply.prepared);
      const code = KLING_ERROR_CODES.includes(reply.code as KlingErrorCode)
        ? (reply.code as KlingErrorCode)
        : undefined;
      reject(
        code
          ? new KlingError(code, { message: reply.message })
          : Object.assign(new Error(reply.message), { name: reply.name }),
      );
    };
    // A worker that fails to load or dies answers nothing: its error settles the promise.
    const fail = (event: ErrorEvent) => {
      settle();
      reject(
        new KlingError("internal_error", {
          message: `The clip worker failed: ${event.message || "it could not start"}.`,
        }),
      );
    };
    const settle = () => {
      worker.removeEventListener("message", listen);
      worker.removeEventListener("error", fail);
      signal?.removeEventListener("abort", stop);
    };
    worker.addEventListener("message", listen);
    worker.addEventListener("error", fail);
    signal?.addEventListener("abort", stop, { once: true });
    worker.postMessage({ id, type: "prepare", file, options: rest } satisfies Request);
  });
}
