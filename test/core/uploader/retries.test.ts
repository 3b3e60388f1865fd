// A PUT that fails without a refusal is sent again, with backoff, a bounded number of times: with
// the same ticket while it is valid, with a new one once it has expired (by the clock, or as the
// storage says). Refusals that sending again cannot fix fail at once. Fake timers throughout;
// the PUT is a SteppedXhr, and a delivered one is judged by the fake storage on the same clock.
import { beforeEach, describe, expect, test, vi } from "vitest";
import { KlingError } from "../../../src/core/errors";
import { createProxyUploader, type ProxyUploaderOptions } from "../../../src/core/uploader";
import {
  clip,
  clipFile,
  EXPIRED_XML,
  fakeVideoMetadata,
  PROXY_URL,
  setupUploads,
  steppedXhrs,
  ticketRequestsOf,
  until,
} from "./support";

const { ctx, restart } = setupUploads();
fakeVideoMetadata();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: Date.parse("2026-11-28T10:00:00Z") });
});

function start(options: Partial<ProxyUploaderOptions> = {}) {
  const { xhrs, createXhr } = steppedXhrs(() => ctx.storage);
  const progress: number[] = [];
  const done = createProxyUploader({ proxyUrl: PROXY_URL, createXhr, ...options })(clipFile(), {
    onProgress: (fraction) => progress.push(fraction),
    signal: new AbortController().signal,
  });
  const outcome = done.then(
    (url) => ({ url }),
    (error: unknown) => ({ error: error as KlingError }),
  );
  /** The `n`th PUT (1-based), once it has been sent. */
  const put = async (n: number) => {
    await until(() => xhrs.length >= n, `PUT number ${n}`);
    return xhrs[n - 1]!;
  };
  return { xhrs, progress, done, outcome, put };
}

/** Moves the clock by `ms`, letting answers arrive on the way. */
async function wait(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await until(() => true);
}

const stored = () => [...ctx.storage.objects.values()].map((object) => object.body);

describe("a dropped connection", () => {
  test("mid-PUT: sent again after 1 s with the same ticket, and the upload completes", async () => {
    const upload = start();
    const first = await upload.put(1);
    first.progress(clip.byteLength / 2);
    first.drop();
    await wait(999);
    expect(upload.xhrs).toHaveLength(1);
    await wait(1);
    const second = await upload.put(2);
    expect(second.url).toBe(first.url);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
    await second.deliver();
    const url = await upload.done;
    expect(stored()).toEqual([clip]);
    expect(new Uint8Array(await (await ctx.storage.fetch(url)).arrayBuffer())).toEqual(clip);
    // The bar goes back to 0 for the second try: those bytes are sent again.
    expect(upload.progress.map((fraction) => Math.round(fraction * 100))).toEqual([0, 50, 0, 100, 100]);
  });

  test("every time: 4 attempts in all, 1, 2 and 4 s apart, then a network_error that names the likely causes", async () => {
    const upload = start();
    (await upload.put(1)).drop();
    for (const [n, gap] of [
      [2, 1000],
      [3, 2000],
      [4, 4000],
    ] as const) {
      await wait(gap - 1);
      expect(upload.xhrs).toHaveLength(n - 1);
      await wait(1);
      (await upload.put(n)).drop();
    }
    const { error } = (await upload.outcome) as { error: KlingError };
    expect(error).toBeInstanceOf(KlingError);
    expect(error.code).toBe("network_error");
    expect(error.message).toMatch(/could not reach the storage.*CORS rule/);
    await wait(60_000);
    expect(upload.xhrs).toHaveLength(4);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
  });

  test("a PUT that goes silent for 60 s is aborted and sent again", async () => {
    const upload = start();
    const first = await upload.put(1);
    first.progress(1000);
    await wait(59_999);
    expect(first.aborted).toBe(false);
    await wait(1);
    expect(first.aborted).toBe(true);
    await wait(1000);
    await (await upload.put(2)).deliver();
    await expect(upload.done).resolves.toMatch(/^https:/);
  });

  test("the proxy unreachable while asking for a ticket: asked again after the backoff", async () => {
    ctx.proxy.failNext();
    const upload = start();
    await until(() => ticketRequestsOf(ctx.proxy).length === 1);
    await wait(999);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
    await wait(1);
    await (await upload.put(1)).deliver();
    await expect(upload.done).resolves.toMatch(/^https:/);
    expect(ticketRequestsOf(ctx.proxy).map((request) => request.dropped)).toEqual([true, false]);
  });
});

describe("the storage's answers", () => {
  test.each([
    [503, "SlowDown"],
    [500, "InternalError"],
    [408, "RequestTimeout"],
    [429, "TooManyRequests"],
  ])("%i (%s) is sent again, with the same ticket", async (status, code) => {
    const upload = start();
    (await upload.put(1)).answer(status, `<Error><Code>${code}</Code><Message>Try again.</Message></Error>`);
    await wait(1000);
    await (await upload.put(2)).deliver();
    await expect(upload.done).resolves.toMatch(/^https:/);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
  });

  test.each([
    ["7", 7_000],
    ["3600", 30_000],
  ])(
    "a Retry-After the storage exposes (%s s) is waited for instead of the backoff, 30 s at most",
    async (header, ms) => {
      const upload = start();
      (await upload.put(1)).answer(503, "", { "retry-after": header });
      await wait(ms - 1);
      expect(upload.xhrs).toHaveLength(1);
      await wait(1);
      await upload.put(2);
    },
  );

  test("the last refusal is the error when no attempt is left", async () => {
    const upload = start({ maxAttempts: 2 });
    (await upload.put(1)).answer(
      503,
      "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>",
    );
    await wait(1000);
    (await upload.put(2)).answer(
      503,
      "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>",
    );
    const { error } = (await upload.outcome) as { error: KlingError };
    expect(error).toMatchObject({
      code: "upstream_error",
      status: 503,
      message: "The storage refused the upload (503 SlowDown: Reduce your request rate.).",
    });
  });

  test("a 403 of a valid ticket, even without words (CORS can hide them), fails at once", async () => {
    const upload = start();
    (await upload.put(1)).answer(403);
    const { error } = (await upload.outcome) as { error: KlingError };
    expect(error).toMatchObject({ code: "forbidden", status: 403, message: "The storage refused the upload (403)." });
    await wait(60_000);
    expect(upload.xhrs).toHaveLength(1);
  });
});

describe("tickets", () => {
  beforeEach(() => restart({ proxy: (storage) => ({ uploads: storage.uploads({ uploadExpiresInSeconds: 60 }) }) }));

  test("reused while valid, a new one once expired: retries 30 s apart on a 60 s ticket", async () => {
    const upload = start({ retryDelayMs: () => 30_000 });
    (await upload.put(1)).drop();
    await wait(30_000);
    (await upload.put(2)).drop();
    expect(upload.xhrs[1]!.url).toBe(upload.xhrs[0]!.url);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(1);
    await wait(30_000);
    const third = await upload.put(3);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(2);
    expect(third.url).not.toBe(upload.xhrs[0]!.url);
    await third.deliver();
    await expect(upload.done).resolves.toMatch(/^https:/);
    expect(stored()).toEqual([clip]);
  });

  test("not reused in its last 5 s", async () => {
    const upload = start({ retryDelayMs: () => 55_000 });
    (await upload.put(1)).drop();
    await wait(55_000);
    await upload.put(2);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(2);
  });

  test("the storage says it has expired (this machine's clock is behind): a new ticket at once, and it works", async () => {
    const upload = start();
    const first = await upload.put(1);
    ctx.storage.advance(2 * 60_000); // the storage's clock, and the proxy's signing clock, run ahead
    await first.deliver();
    expect(ctx.storage.requests.at(-1)).toMatchObject({ status: 403, code: "AccessDenied" });
    const second = await upload.put(2); // no backoff: no fake time has passed
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(2);
    await second.deliver();
    await expect(upload.done).resolves.toMatch(/^https:/);
  });

  test("a 403 without words after the ticket's time is up counts as expired", async () => {
    const upload = start();
    const first = await upload.put(1);
    first.progress(1000);
    await wait(56_000);
    first.answer(403);
    await upload.put(2);
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(2);
  });

  test("expired again and again: bounded, and the error says so", async () => {
    const upload = start({ maxAttempts: 3 });
    for (const n of [1, 2, 3]) (await upload.put(n)).answer(403, EXPIRED_XML);
    const { error } = (await upload.outcome) as { error: KlingError };
    expect(error).toMatchObject({
      code: "forbidden",
      message: "The storage refused the upload (403 AccessDenied: Request has expired).",
    });
    expect(ticketRequestsOf(ctx.proxy)).toHaveLength(3);
  });
});

describe("options", () => {
  test.each([
    [{ proxyUrl: "" }, 'createProxyUploader: proxyUrl is required, e.g. "/api/kling".'],
    [{ maxAttempts: 0 }, "createProxyUploader: maxAttempts must be a whole number from 1 to 20; got 0."],
    [{ maxAttempts: 2.5 }, "createProxyUploader: maxAttempts must be a whole number from 1 to 20; got 2.5."],
    [{ stallTimeoutMs: -1 }, "createProxyUploader: stallTimeoutMs must be a positive number of milliseconds; got -1."],
    [{ createXhr: "xhr" }, "createProxyUploader: createXhr must be a function."],
  ])("%o is refused when the uploader is made", (options, message) => {
    expect(() => createProxyUploader({ proxyUrl: PROXY_URL, ...(options as object) })).toThrow(new TypeError(message));
  });
});
