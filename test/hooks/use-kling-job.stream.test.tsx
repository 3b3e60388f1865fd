import { focusManager, onlineManager, QueryClient } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useKlingEdit } from "../../src";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../support/kling";

// The proxy streams (push on, its default): jobs of 3 s queue and 10 s processing.
const kling = setupFakeKling({
  queueMs: 3_000,
  processingMs: 10_000,
  outputVideoUrl: "https://cdn.example.com/out.mp4",
});
afterEach(() => onlineManager.setOnline(true));

/** What the browser sent, with job ids folded: `GET /jobs/{id}/events`. */
const sent = () =>
  kling.proxy.requests.map((request) => `${request.method} ${request.path.replace(/job_\w+/, "{id}")}`);
const statusPolls = () => sent().filter((line) => line === "GET /jobs/{id}").length;

function start(options: Parameters<typeof useKlingEdit>[0] = {}, queryClient = new QueryClient()) {
  const onCompleted = vi.fn();
  const hook = renderHook(() => useKlingEdit({ onCompleted, ...options }), { wrapper: wrapper({ queryClient }) });
  return { ...hook, onCompleted };
}

describe("the watch follows the proxy's event stream", () => {
  it("one stream for the whole job, no status request, and the result", async () => {
    installFakeClock();
    kling.use();
    const { result, onCompleted } = start({ persist: false });
    await act(() => result.current.submit(validInput));
    await advance(8_000);
    expect(result.current.status).toBe("processing");
    await advance(12_000);
    expect(result.current).toMatchObject({ status: "completed", videoUrl: "https://cdn.example.com/out.mp4" });
    expect(sent()).toEqual(["POST /models/kling-video-edit/run", "GET /jobs/{id}/events"]);
    expect(onCompleted).toHaveBeenCalledTimes(1);
    // The stream ended with the job: nothing stays open on the server.
    expect(kling.proxy.handler.openStreams).toBe(0);
  });

  it("keeps the credits the submit reported (events do not repeat them)", async () => {
    installFakeClock();
    kling.use({ credits: 500 });
    const { result } = start({ persist: false });
    await act(() => result.current.submit(validInput));
    await advance(20_000);
    expect(result.current.job).toMatchObject({ status: "completed", creditCost: 40, creditsRemaining: 460 });
  });

  it("closes the stream on unmount and on reset", async () => {
    installFakeClock();
    kling.use({ processingMs: 600_000 });
    const first = start({ persist: false });
    await act(() => first.result.current.submit(validInput));
    await advance(1_000);
    expect(kling.proxy.handler.openStreams).toBe(1);
    first.unmount();
    await advance(500);
    expect(kling.proxy.handler.openStreams).toBe(0);

    const second = start({ persist: false });
    await act(() => second.result.current.submit(validInput));
    await advance(1_000);
    expect(kling.proxy.handler.openStreams).toBe(1);
    act(() => second.result.current.reset());
    await advance(500);
    expect(kling.proxy.handler.openStreams).toBe(0);
  });
});

describe("a reload mid-stream", () => {
  it("shows what was seen at once, resumes after it (Last-Event-ID), and reports the ending once", async () => {
    installFakeClock();
    kling.use();
    const first = start();
    await act(() => first.result.current.submit(validInput));
    await advance(8_000);
    expect(first.result.current.status).toBe("processing");
    first.unmount();

    // The reloaded page: a new cache; only sessionStorage remains.
    const second = start({}, new QueryClient());
    await advance(50);
    expect(second.result.current.status).toBe("processing");
    const resumed = kling.proxy.requests.filter((request) => request.path.endsWith("/events")).at(-1)!;
    expect(resumed.lastEventId).toBe("2");
    await advance(12_000);
    expect(second.result.current.status).toBe("completed");
    expect(first.onCompleted).not.toHaveBeenCalled();
    expect(second.onCompleted).toHaveBeenCalledTimes(1);

    // Once more, after the end: the ending is not reported again, and nothing new is streamed.
    second.unmount();
    const third = start({}, new QueryClient());
    await advance(1_000);
    expect(third.result.current.status).toBe("completed");
    expect(third.onCompleted).not.toHaveBeenCalled();
  });

  it("with persist: false, nothing of the stream is kept", async () => {
    installFakeClock();
    kling.use();
    const { result } = start({ persist: false });
    await act(() => result.current.submit(validInput));
    await advance(8_000);
    expect(sessionStorage.length).toBe(0);
  });
});

describe("falling back to polling", () => {
  it.each([
    [
      "answers 404 there (a proxy without push)",
      () => http.get("*/api/kling/jobs/:id/events", () => HttpResponse.json({ error: "Not found" }, { status: 404 })),
    ],
    ["answers 405 there", () => http.get("*/api/kling/jobs/:id/events", () => new HttpResponse(null, { status: 405 }))],
    [
      "answers JSON there, not an event stream",
      () => http.get("*/api/kling/jobs/:id/events", () => HttpResponse.json({ status: "pending" })),
    ],
    [
      "buffers the stream (nothing arrives)",
      () =>
        http.get(
          "*/api/kling/jobs/:id/events",
          () =>
            new HttpResponse(new ReadableStream(), {
              headers: { "content-type": "text/event-stream", "transfer-encoding": "chunked" },
            }),
        ),
    ],
  ])("the proxy %s: the watch polls and completes", async (_name, handler) => {
    installFakeClock();
    kling.use();
    kling.server.use(handler());
    const { result, onCompleted } = start({ persist: false });
    await act(() => result.current.submit(validInput));
    await advance(30_000);
    expect(result.current).toMatchObject({ status: "completed", videoUrl: "https://cdn.example.com/out.mp4" });
    expect(statusPolls()).toBeGreaterThan(0);
    expect(onCompleted).toHaveBeenCalledTimes(1);
  });

  it("a stream that keeps dropping is opened again with Last-Event-ID after each drop, then given up for polling", async () => {
    installFakeClock();
    kling.use({ processingMs: 60_000 });
    const opened: Array<string | null> = [];
    // The first stream brings one event and closes early; every later one breaks at once.
    kling.server.use(
      http.get("*/api/kling/jobs/:id/events", ({ request }) => {
        opened.push(request.headers.get("last-event-id"));
        return HttpResponse.error();
      }),
    );
    kling.server.use(
      http.get(
        "*/api/kling/jobs/:id/events",
        ({ request, params }) => {
          opened.push(request.headers.get("last-event-id"));
          const event = `id: 7\nevent: status\ndata: ${JSON.stringify({ jobId: params.id, status: "processing" })}\n\n`;
          return new HttpResponse(event, { headers: { "content-type": "text/event-stream" } });
        },
        { once: true },
      ),
    );
    const { result } = start({ persist: false });
    await act(() => result.current.submit(validInput));
    await advance(1_000);
    expect(result.current.status).toBe("processing");
    await advance(20_000);
    // Opened, then three reopens (after 1, 2 and 4 s), each after the last event seen; then polling.
    expect(opened).toEqual([null, "7", "7", "7"]);
    expect(statusPolls()).toBeGreaterThan(0);
    await advance(60_000);
    expect(result.current.status).toBe("completed");
  });
});

describe("a dropped stream's reopen", () => {
  it("is not lost to a status request during its pause (a refocused window)", async () => {
    installFakeClock();
    kling.use({ processingMs: 60_000 });
    let opened = 0;
    // The first two streams break at once; later ones pass to the proxy.
    const breaking = () =>
      http.get(
        "*/api/kling/jobs/:id/events",
        () => {
          opened++;
          return HttpResponse.error();
        },
        { once: true },
      );
    kling.server.use(breaking(), breaking());
    const { result } = start({ persist: false });
    await act(() => result.current.submit(validInput));
    await advance(1_500, 50);
    expect(opened).toBe(2);
    // During the second pause (2 s) the window is refocused: the job's status is asked for.
    const polled = statusPolls();
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await advance(250, 50);
    expect(statusPolls()).toBe(polled + 1);
    await advance(1_500);
    expect(kling.proxy.handler.openStreams).toBe(1);
    act(() => focusManager.setFocused(undefined));
  });
});

describe("offline", () => {
  it("a stream that broke while offline is opened again once the browser is back", async () => {
    installFakeClock();
    kling.use({ processingMs: 60_000 });
    const { result } = start({ persist: false });
    await act(() => result.current.submit(validInput));
    await advance(5_000);
    act(() => onlineManager.setOnline(false));
    kling.proxy.failNext({ on: "events", times: 100 });
    await advance(30_000);
    expect(result.current.isOffline).toBe(true);
    act(() => onlineManager.setOnline(true));
    await advance(60_000);
    expect(result.current.status).toBe("completed");
  });
});
