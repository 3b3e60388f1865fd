/** How a job's event stream ended, for the watcher to decide what comes next. */
export type StreamEnd =
  /** The server closed it after the job's ending: nothing more will come. */
  | "ended"
  /** It broke, went silent or closed early: open it again (with the last event's id). */
  | "dropped"
  /** The proxy offers no stream (another proxy, an older one: 405, not an event stream): poll instead. */
  | "unsupported"
  /** A 404: no stream of this job here (a proxy without the route, or a job the caller cannot see): poll it. */
  | "not_found"
  /** The proxy refused this stream (401, 403, …): poll, which shows why. */
  | "refused"
  /** Nothing arrived in time although the server writes at once: something buffers it; poll instead. */
  | "buffered";

export interface StreamEvent {
  /** The event's `id:` (the job's version), if it had one. */
  id?: string;
  event: string;
  data: string;
}

export interface ReadEventsOptions {
  /** Until the first bytes, before the stream counts as buffered. */
  openTimeoutMs: number;
  /** Between any two reads (heartbeats included), before it counts as dropped. */
  idleTimeoutMs: number;
  /** Called for each complete event; returning true ends the reading (`ended`). */
  onEvent: (event: StreamEvent) => boolean | undefined;
  /** Stops the reading (the body is cancelled). */
  signal?: AbortSignal;
}

/**
 * Reads a Server-Sent Events body (the `text/event-stream` format: `field: value` lines,
 * events ended by a blank line, comments starting with `:`), bounded by the two timeouts.
 */
export async function readEvents(body: ReadableStream<Uint8Array>, options: ReadEventsOptions): Promise<StreamEnd> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let event: StreamEvent = { event: "message", data: "" };
  let hasData = false;
  let opened = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut: StreamEnd | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        timedOut = opened ? "dropped" : "buffered";
        void reader.cancel().catch(() => undefined);
      },
      opened ? options.idleTimeoutMs : options.openTimeoutMs,
    );
  };
  // One line of the format; true when an event it completes ends the reading.
  const line = (text: string): boolean => {
    if (text === "") {
      const done = hasData && options.onEvent(event) === true;
      event = { event: "message", data: "" };
      hasData = false;
      return done;
    }
    if (text.startsWith(":")) return false;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? "" : text.slice(colon + (text[colon + 1] === " " ? 2 : 1));
    if (field === "data") {
      event.data = hasData ? `${event.data}\n${value}` : value;
      hasData = true;
    } else if (field === "event") event.event = value;
    else if (field === "id") event.id = value;
    return false;
  };
  const stop = () => void reader.cancel().catch(() => undefined);
  if (options.signal?.aborted) stop();
  else options.signal?.addEventListener("abort", stop, { once: true });
  arm();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        return timedOut ?? "dropped";
      }
      if (chunk.done) return timedOut ?? "dropped";
      opened = true;
      arm();
      pending += decoder.decode(chunk.value, { stream: true });
      const lines = pending.split(/\r\n|\r|\n/);
      // A line is complete once its end arrived; "\r" at a chunk's end may be half of "\r\n".
      pending = lines.pop()!;
      for (const text of lines) {
        if (line(text)) {
          void reader.cancel().catch(() => undefined);
          return "ended";
        }
      }
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", stop);
  }
}
