// Reading the proxy's event streams in tests, with a parser of our own (not the client's, which
// is under test elsewhere): events, comments, and when the stream ended.
import { afterEach, vi } from "vitest";
import { BASE } from "../support";
import type { Instances } from "../many-users/support";

export interface SeenEvent {
  id?: string;
  event?: string;
  data: string;
  json: { jobId: string; status: string; output?: { video?: string }; statusUrl?: string };
}

export interface OpenStream {
  response: Response;
  events: SeenEvent[];
  /** Comment lines (": …"): the opening one and heartbeats. */
  comments: string[];
  /** The `retry:` the server asked for. */
  retry?: string;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  isEnded(): boolean;
  close(): Promise<void>;
}

export async function openStream(
  app: Pick<Instances, "call">,
  user: string | undefined,
  jobId: string,
  { instance = 0, lastEventId }: { instance?: number; lastEventId?: string } = {},
): Promise<OpenStream> {
  const headers: Record<string, string> = { accept: "text/event-stream" };
  if (lastEventId !== undefined) headers["last-event-id"] = lastEventId;
  const response = await app.call(user, `${BASE}/jobs/${jobId}/events`, { instance, headers });
  const stream: OpenStream = {
    response,
    events: [],
    comments: [],
    ended: Promise.resolve(),
    isEnded: () => true,
    close: async () => undefined,
  };
  if (!response.body || response.status !== 200) return stream;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let done = false;
  stream.isEnded = () => done;
  stream.close = () => reader.cancel();
  stream.ended = (async () => {
    let buffer = "";
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: Partial<SeenEvent> = {};
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) stream.comments.push(line);
          else if (line.startsWith("data: ")) data.push(line.slice(6));
          else if (line.startsWith("id: ")) event.id = line.slice(4);
          else if (line.startsWith("event: ")) event.event = line.slice(7);
          else if (line.startsWith("retry: ")) stream.retry = line.slice(7);
        }
        if (data.length)
          stream.events.push({ ...event, data: data.join("\n"), json: JSON.parse(data.join("\n")) } as SeenEvent);
      }
    }
    done = true;
  })();
  return stream;
}

/** Fake timers for the watch and the fake upstream's clock (I/O stays real), undone after each test. */
export function fakeClock() {
  vi.useFakeTimers({
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    now: Date.parse("2026-12-01T10:00:00Z"),
  });
}
afterEach(() => vi.useRealTimers());

/** Moves fake time on in steps, letting answers and store calls settle in between. */
export async function run(ms: number, step = 500) {
  for (let done = 0; done < ms; done += step) await vi.advanceTimersByTimeAsync(Math.min(step, ms - done));
}

/** The job the push tests watch: 3 s queued, 10 s processing. */
export const JOB = { queueMs: 3_000, processingMs: 10_000, outputVideoUrl: "https://cdn.example/out.mp4" };
