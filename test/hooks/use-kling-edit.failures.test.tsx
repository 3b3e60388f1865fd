import { act, renderHook } from "@testing-library/react";
import { http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { useKlingEdit } from "../../src";
import { advance, setupFakeKling, installFakeClock, validInput, wrapper } from "../support/kling";

// The polling path: this proxy offers no event stream (as a proxy in another language may not).
const kling = setupFakeKling({ queueMs: 3_000, processingMs: 30_000 }, { push: false });

function start(options = {}) {
  installFakeClock();
  const onError = vi.fn();
  const hook = renderHook(() => useKlingEdit({ onError, ...options }), { wrapper: wrapper() });
  return { ...hook, onError };
}

const gets = () => kling.fake.requests.filter((r) => r.method === "GET");

describe("useKlingEdit failures", () => {
  it("reports a failed job with the upstream's reason, and stops", async () => {
    kling.use({ failureRate: 1, failureMessage: "The subject could not be found." });
    const { result, onError } = start();
    await act(() => result.current.submit(validInput));
    await advance(40_000);
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toMatchObject({ code: "job_failed", message: "The subject could not be found." });
    expect(onError).toHaveBeenCalledTimes(1);
    const polls = gets().length;
    await advance(30_000);
    expect(gets()).toHaveLength(polls);
  });

  it("reports 402 on submit as insufficient credits, with the server's words", async () => {
    kling.use({ credits: 10 });
    const { result, onError } = start();
    await act(() => result.current.submit(validInput));
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toMatchObject({ code: "insufficient_credits", status: 402 });
    expect(result.current.error?.message).toContain("40 credits");
    expect(onError).toHaveBeenCalledWith(result.current.error);
    expect(result.current.jobId).toBeUndefined();
  });

  it("does not resend a submit that got a 500", async () => {
    const fake = kling.use();
    fake.failNext({ fault: "server_error", on: "submit" });
    const { result } = start();
    await act(() => result.current.submit(validInput));
    await advance(10_000);
    expect(result.current.error).toMatchObject({ code: "upstream_error", status: 500 });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(fake.jobs).toHaveLength(0);
  });

  it("sends nothing for invalid input, and reports each field", async () => {
    const fake = kling.use();
    const { result, onError } = start();
    await act(() => result.current.submit({ ...validInput, prompt: " ", video_duration: 42 }));
    expect(fake.requests).toHaveLength(0);
    expect(result.current.status).toBe("idle");
    expect(result.current.error?.code).toBe("invalid_input");
    expect(Object.keys(result.current.error?.fieldErrors ?? {})).toEqual(["prompt", "video_duration"]);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it.each([
    [
      "the upstream's 500",
      (): void => kling.fake.failNext({ fault: "server_error", on: "status", times: 2 }),
      "upstream_error",
    ],
    [
      "the upstream out of reach",
      (): void => kling.fake.failNext({ fault: "network_error", on: "status", times: 2 }),
      "upstream_error",
    ],
    [
      "an unreadable upstream answer",
      (): void => kling.fake.failNext({ fault: "malformed", on: "status", times: 2 }),
      "bad_response",
    ],
    ["the browser's connection lost", (): void => kling.proxy.failNext({ on: "status", times: 2 }), "network_error"],
  ] as const)("keeps watching through %s while polling, and completes", async (_name, fault, code) => {
    kling.use();
    const { result } = start();
    await act(() => result.current.submit(validInput));
    fault();
    await advance(2_500);
    expect(result.current.isRetrying).toBe(true);
    expect(result.current.error?.code).toBe(code);
    expect(result.current.status).toBe("pending");
    await advance(60_000);
    expect(result.current.status).toBe("completed");
    expect(result.current.error).toBeUndefined();
    expect(result.current.isRetrying).toBe(false);
  });

  it("honours Retry-After on a 429 while polling", async () => {
    const fake = kling.use();
    const { result } = start();
    await act(() => result.current.submit(validInput));
    fake.failNext({ fault: "rate_limit", on: "status", retryAfterSeconds: 20 });
    await advance(2_500);
    expect(result.current.error).toMatchObject({ code: "rate_limited", retryAfterMs: 20_000 });
    const limitedAt = gets().at(-1)!.at;
    await advance(19_000);
    expect(gets().at(-1)!.at).toBe(limitedAt);
    await advance(2_000);
    expect(gets().at(-1)!.at - limitedAt).toBeGreaterThanOrEqual(20_000);
    expect(result.current.error).toBeUndefined();
  });

  it.each([
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
  ] as const)("stops watching on %i (%s) while polling", async (status, code) => {
    kling.use();
    const { result } = start();
    await act(() => result.current.submit(validInput));
    let polls = 0;
    kling.server.use(
      http.get("*/api/kling/jobs/:id", () => {
        polls++;
        return Response.json({ error: { code, message: `status ${status}` } }, { status });
      }),
    );
    await advance(2_500);
    expect(result.current.status).toBe("failed");
    expect(result.current.error).toMatchObject({ code, status });
    expect(polls).toBe(1);
    await advance(60_000);
    expect(polls).toBe(1);
  });

  it("ends a job whose status stays unknown at the watch deadline", async () => {
    kling.use();
    const { result } = renderHook(() => useKlingEdit(), {
      wrapper: wrapper({ polling: { maxWaitMs: 60_000 } }),
    });
    installFakeClock();
    let polls = 0;
    kling.server.use(
      http.get("*/api/kling/jobs/:id", ({ params }) => {
        polls++;
        return Response.json({ jobId: params.id, status: "queued_for_review" });
      }),
    );
    await act(() => result.current.submit(validInput));
    await advance(30_000);
    expect(result.current.status).toBe("processing");
    await advance(35_000);
    expect(result.current.status).toBe("expired");
    expect(result.current.error?.code).toBe("timeout");
    // 2 s, then every 5 s up to the deadline at 60 s: 13 requests, and none after.
    expect(polls).toBe(13);
    await advance(120_000);
    expect(polls).toBe(13);
  });
});
