import { createFakeKling, type FakeKling, type FakeKlingOptions } from "../../src/testing";
import { createKlingProxy } from "../../src/server";
import type { KlingProxyHandler, KlingProxyLogEvent, KlingProxyOptions } from "../../src/server";

/** Long and distinctive, so a leak anywhere is found by a plain substring search. */
export const KEY = "pdj_live_0123456789abcdefSECRET";
export const ORIGIN = "https://app.example";
export const BASE = "/api/kling";
export const RUN = `${BASE}/models/kling-video-edit/run`;
/** The signed-in user of the harness, unless a test names another. */
export const USER = "user-a";

export const VALID_INPUT = {
  prompt: "Make it snow",
  video_url: "https://cdn.example/source.mp4",
  video_duration: 5,
};

export interface Harness {
  fake: FakeKling;
  proxy: KlingProxyHandler;
  logs: KlingProxyLogEvent[];
  /** Calls the proxy with a path (or full URL) on the app's origin. */
  call(path: string, init?: RequestInit): Promise<Response>;
  submit(body?: unknown, init?: RequestInit): Promise<Response>;
}

export function harness(options: Partial<KlingProxyOptions> = {}, fakeOptions: FakeKlingOptions = {}): Harness {
  const fake = createFakeKling({ apiKey: KEY, ...fakeOptions });
  const logs: KlingProxyLogEvent[] = [];
  const proxy = createKlingProxy({
    apiKey: KEY,
    fetch: fake.fetch,
    basePath: BASE,
    identify: () => USER,
    authorize: () => true,
    log: (event) => logs.push(event),
    ...options,
  });
  const call = (path: string, init?: RequestInit) =>
    proxy(new Request(/^https?:/.test(path) ? path : ORIGIN + path, init));
  const submit = (body: unknown = VALID_INPUT, init: RequestInit = {}) =>
    call(RUN, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
      headers: { "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
    });
  return { fake, proxy, logs, call, submit };
}

/** A job the user of the harness submitted through its proxy: theirs to read. */
export async function submittedJob(h: Pick<Harness, "submit">): Promise<string> {
  const response = await h.submit();
  const { jobId } = (await response.json()) as { jobId: string };
  return jobId;
}

/** A job the fake knows, created straight on the upstream (not through the proxy): nobody's. */
export async function upstreamJob(fake: FakeKling): Promise<string> {
  const response = await fake.fetch("https://pixeldojo.ai/api/v1/models/kling-video-edit/run", {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify(VALID_INPUT),
  });
  const { jobId } = (await response.json()) as { jobId: string };
  return jobId;
}

/** Everything a response shows the browser, as one string. */
export async function visible(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}
