import { parseRetryAfter } from "./retry-after";

/**
 * How one PUT ended: stored, or not, with the storage's status (0: no answer at all, as for a
 * dropped or refused connection or a stall) and what it said.
 */
export type PutOutcome =
  { ok: true } | { ok: false; status: number; code?: string; message?: string; retryAfterMs?: number };

export interface PutFileOptions {
  /** Fraction of the bytes sent, 0..1, as the browser reports it. */
  onProgress: (fraction: number) => void;
  /** Aborts the request: the promise rejects with the signal's reason. */
  signal: AbortSignal;
  createXhr: () => XMLHttpRequest;
  /** No sign of life for this long counts as a dropped connection. */
  stallTimeoutMs: number;
}

/** XMLHttpRequest sets these itself (the length from the body) and refuses to be given them. */
const SET_BY_BROWSER = new Set(["content-length", "host"]);

/** S3-compatible storages answer an XML `<Error>` with a `<Code>` and a `<Message>`. */
const xmlField = (xml: string, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.trim() || undefined;

function outcomeOf(xhr: XMLHttpRequest): PutOutcome {
  if (xhr.status >= 200 && xhr.status < 300) return { ok: true };
  if (xhr.status === 0) return { ok: false, status: 0 };
  // The body and Retry-After are readable only where the bucket's CORS rule exposes them.
  const text = typeof xhr.responseText === "string" ? xhr.responseText : "";
  return {
    ok: false,
    status: xhr.status,
    code: xmlField(text, "Code"),
    message: xmlField(text, "Message"),
    retryAfterMs: parseRetryAfter(xhr.getResponseHeader("retry-after")),
  };
}

/**
 * One PUT of `body` with XMLHttpRequest, the one browser API that reports upload progress
 * (fetch does not). Sends exactly `headers` (a signature may cover them) and resolves with how
 * it ended; it never retries.
 */
export function putFile(
  url: string,
  headers: Record<string, string>,
  body: Blob,
  options: PutFileOptions,
): Promise<PutOutcome> {
  const { signal, onProgress } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const xhr = options.createXhr();
    let done = false;
    let stall: ReturnType<typeof setTimeout> | undefined;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(stall);
      signal.removeEventListener("abort", onAbort);
      settle();
    };
    const alive = () => {
      clearTimeout(stall);
      stall = setTimeout(() => {
        finish(() => resolve({ ok: false, status: 0 }));
        xhr.abort();
      }, options.stallTimeoutMs);
    };
    const onAbort = () => {
      finish(() => reject(signal.reason));
      xhr.abort();
    };
    xhr.upload.addEventListener("progress", (event) => {
      if (done) return;
      alive();
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
    });
    xhr.upload.addEventListener("load", alive);
    xhr.addEventListener("load", () => finish(() => resolve(outcomeOf(xhr))));
    for (const type of ["error", "timeout", "abort"])
      xhr.addEventListener(type, () => finish(() => resolve({ ok: false, status: 0 })));
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) {
      if (!SET_BY_BROWSER.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    signal.addEventListener("abort", onAbort, { once: true });
    alive();
    xhr.send(body);
  });
}
