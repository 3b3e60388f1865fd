// @vitest-environment node
import { describe, expect, test } from "vitest";
import { DRAIN_MAX_BYTES } from "../../src/server/body";
import { BASE, RUN, VALID_INPUT, harness } from "./support";

interface Refusal {
  status: number;
  code: string;
}

/** Calls the proxy once and checks the refusal: status, JSON error code, nothing upstream. */
async function expectRefused(
  make: (h: ReturnType<typeof harness>) => Promise<Response>,
  expected: Refusal,
  h = harness(),
): Promise<Response> {
  const response = await make(h);
  expect(h.fake.requests).toHaveLength(0);
  expect(response.status).toBe(expected.status);
  const body = (await response.clone().json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(expected.code);
  expect(body.error.message).toEqual(expect.any(String));
  return response;
}

const notFound = { status: 404, code: "not_found" };

describe("paths other than the two calls are refused without going upstream", () => {
  test.each([
    ["the base itself", BASE],
    ["the base with a slash", `${BASE}/`],
    ["a parent of the route", `${BASE}/models`],
    ["another model", `${BASE}/models/flux-pro/run`],
    ["the model's schema", `${BASE}/models/kling-video-edit/schema`],
    ["an empty job id", `${BASE}/jobs/`],
    ["below a job", `${BASE}/jobs/job_1/cancel`],
    ["another upstream path", `${BASE}/credits`],
    ["outside the base", "/api/other/jobs/job_1"],
    ["a look-alike base", "/api/klingx/jobs/job_1"],
    ["the upstream's own path", "/api/v1/jobs/job_1"],
  ])("unknown path: %s", async (_name, path) => {
    await expectRefused(({ call }) => call(path), notFound);
  });

  test.each([
    ["plain dot segments out of the base", `${BASE}/../../admin`],
    ["plain dot segments out of jobs", `${BASE}/jobs/../../v2/keys`],
    ["encoded dot segments", `${BASE}/jobs/%2e%2e/%2e%2e/admin`],
    ["mixed-case encoded dots", `${BASE}/jobs/%2E%2e/%2e%2E/admin`],
    ["an encoded slash", `${BASE}/jobs/..%2fadmin`],
    ["an encoded slash in the route", `${BASE}/models%2fkling-video-edit%2frun`],
    ["an encoded backslash", `${BASE}/jobs/job_1%5c..%5cadmin`],
    ["double-encoded dots and slash", `${BASE}/jobs/%252e%252e%252fadmin`],
    ["a double-encoded letter", `${BASE}/jobs/%256aob_1`],
    ["an encoded dot inside an id", `${BASE}/jobs/job%2e1`],
    ["an encoded NUL", `${BASE}/jobs/job_1%00`],
    ["malformed percent-encoding", `${BASE}/jobs/job_%E0%A4%A`],
  ])("traversal: %s", async (_name, path) => {
    await expectRefused(({ call }) => call(path), notFound);
  });

  test.each([
    ["doubled slash after the base", `${BASE}//jobs/job_1`],
    ["doubled slash before the id", `${BASE}/jobs//job_1`],
    ["doubled slash at the start", `//api/kling/jobs/job_1`],
    ["a trailing slash", `${BASE}/jobs/job_1/`],
    ["an absolute URL in the path", `${BASE}/https://evil.example/jobs/job_1`],
    ["a protocol-relative URL in the path", `${BASE}//evil.example/jobs/job_1`],
    ["an encoded absolute URL as id", `${BASE}/jobs/https:%2f%2fevil.example`],
    ["an encoded query in the id", `${BASE}/jobs/job_1%3Fx=1`],
    ["an encoded fragment in the id", `${BASE}/jobs/job_1%23x`],
    ["a backslash", `${BASE}\\jobs\\..\\..\\admin`],
  ])("shape: %s", async (_name, path) => {
    await expectRefused(({ call }) => call(path), notFound);
  });

  test("a POST to a traversal of the run path is refused too", async () => {
    await expectRefused(
      ({ call }) =>
        call(`${BASE}/models/kling-video-edit%2frun`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(VALID_INPUT),
        }),
      notFound,
    );
  });

  test.each([
    ["too long", "a".repeat(129)],
    ["with a dot", "job.1"],
    ["with a space", "job%201"],
    ["with a colon", "job:1"],
    ["non-ASCII", "job_%C3%A9"],
    ["with a tilde", "~job"],
  ])("a job id %s", async (_name, id) => {
    await expectRefused(({ call }) => call(`${BASE}/jobs/${id}`), notFound);
  });

  test("a 128-character id is still a job id (the limit is exact)", async () => {
    const h = harness({ ownership: false });
    await h.call(`${BASE}/jobs/${"a".repeat(128)}`);
    expect(h.fake.requests).toHaveLength(1);
  });
});

describe("wrong methods get 405 with Allow", () => {
  test.each(["GET", "HEAD", "PUT", "PATCH", "DELETE"])("%s on the run path", async (method) => {
    const h = harness();
    const response = await h.call(RUN, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    expect(h.fake.requests).toHaveLength(0);
  });

  test.each(["POST", "PUT", "PATCH", "DELETE"])("%s on a job", async (method) => {
    const response = await expectRefused(({ call }) => call(`${BASE}/jobs/job_1`, { method }), {
      status: 405,
      code: "invalid_input",
    });
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  test("OPTIONS on an unknown path is a 404", async () => {
    await expectRefused(({ call }) => call(`${BASE}/credits`, { method: "OPTIONS" }), notFound);
  });
});

describe("submit bodies are checked before anything goes upstream", () => {
  const invalid = { status: 400, code: "invalid_input" };

  test.each([
    ["text/plain (what a cross-site form can send)", "text/plain"],
    ["form-urlencoded", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["a JSON look-alike", "application/jsonp"],
  ])("content type %s: 415", async (_name, type) => {
    await expectRefused(
      ({ call }) => call(RUN, { method: "POST", headers: { "content-type": type }, body: JSON.stringify(VALID_INPUT) }),
      { status: 415, code: "invalid_input" },
    );
  });

  test("no content type: 415", async () => {
    await expectRefused(({ call }) => call(RUN, { method: "POST", body: new Blob([JSON.stringify(VALID_INPUT)]) }), {
      status: 415,
      code: "invalid_input",
    });
  });

  test("JSON with a charset parameter is accepted", async () => {
    const h = harness();
    const response = await h.submit(VALID_INPUT, { headers: { "content-type": "Application/JSON; charset=utf-8" } });
    expect(response.status).toBe(202);
  });

  test.each([
    ["malformed JSON", "{ prompt: 'x' "],
    ["an empty body", ""],
  ])("%s: 400", async (_name, body) => {
    await expectRefused(({ submit }) => submit(body), invalid);
  });

  test("invalid UTF-8: 400", async () => {
    await expectRefused(
      ({ call }) =>
        call(RUN, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: new Uint8Array([0x22, 0xff, 0xfe, 0x22]),
        }),
      invalid,
    );
  });

  test("invalid input: 400 with the field errors the form shows", async () => {
    const response = await expectRefused(
      ({ submit }) => submit({ prompt: "", video_url: "ftp://x/y.mp4", video_duration: 60, tier: "ultra" }),
      invalid,
    );
    const { error } = (await response.json()) as { error: { fieldErrors: Record<string, { code: string }> } };
    expect(error.fieldErrors).toMatchObject({
      prompt: { code: "required" },
      video_url: { code: "invalid_url" },
      video_duration: { code: "out_of_range" },
      tier: { code: "invalid_option" },
    });
  });

  test.each([
    ["an array", []],
    ["a string", "make it snow"],
    ["null", null],
  ])("JSON that is %s: 400", async (_name, body) => {
    await expectRefused(({ submit }) => submit(JSON.stringify(body)), invalid);
  });
});

describe("oversized bodies are cut off at the limit", () => {
  const tooLarge = { status: 413, code: "invalid_input" };
  const big = JSON.stringify({ ...VALID_INPUT, prompt: "x".repeat(2000) });

  test("an honest Content-Length over the limit: 413 before reading", async () => {
    await expectRefused(
      ({ call }) =>
        call(RUN, {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(big.length) },
          body: big,
        }),
      tooLarge,
      harness({ maxBodyBytes: 1024 }),
    );
  });

  /** An endless body of 1 KiB chunks that counts how much was pulled from it. */
  function endlessBody() {
    const state = { pulled: 0, cancelled: false };
    const chunk = new TextEncoder().encode(`{"prompt":"${"x".repeat(1000)}`.slice(0, 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        state.pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }

  test.each([
    ["a lying Content-Length", { "content-length": "100" }],
    ["no Content-Length", {}],
  ])(
    "%s: 413, and an endless body is cut off once the drain budget is read",
    async (_name, headers: Record<string, string>) => {
      const { stream, state } = endlessBody();
      await expectRefused(
        ({ call }) =>
          call(RUN, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: stream,
            duplex: "half",
          } as RequestInit),
        tooLarge,
        harness({ maxBodyBytes: 4096 }),
      );
      // Past the limit the rest is read and dropped (so the 413 reaches the client), never kept,
      // and a body that goes on past the drain budget is cancelled.
      expect(state.cancelled).toBe(true);
      // (The Request's own stream pulls a few hundred KiB ahead of the reader.)
      expect(state.pulled).toBeLessThanOrEqual((4096 + DRAIN_MAX_BYTES) / 1024 + 512);
    },
  );

  test("a body of exactly the limit is accepted", async () => {
    const body = JSON.stringify(VALID_INPUT);
    const h = harness({ maxBodyBytes: new TextEncoder().encode(body).byteLength });
    expect((await h.submit(body)).status).toBe(202);
  });
});

describe("authorize decides, and fails closed", () => {
  test.each([
    ["false", () => false],
    ["a promise of false", async () => false],
    ["a truthy value that is not true", () => "yes" as unknown as boolean],
    ["undefined", () => undefined as unknown as boolean],
  ])("%s: 403 for a submit and a status request", async (_name, authorize) => {
    const forbidden = { status: 403, code: "forbidden" };
    await expectRefused(({ submit }) => submit(), forbidden, harness({ authorize }));
    await expectRefused(({ call }) => call(`${BASE}/jobs/job_1`), forbidden, harness({ authorize }));
  });

  test("a throw: 500, never forwarded", async () => {
    const h = harness({
      authorize: () => {
        throw new Error("session store down");
      },
    });
    await expectRefused(({ submit }) => submit(), { status: 500, code: "internal_error" }, h);
    expect(h.logs.at(-1)).toMatchObject({
      level: "error",
      event: "authorize_failed",
      error: { message: "session store down" },
    });
  });

  test("a rejected promise: 500, never forwarded", async () => {
    await expectRefused(
      ({ call }) => call(`${BASE}/jobs/job_1`),
      { status: 500, code: "internal_error" },
      harness({ authorize: () => Promise.reject(new Error("nope")) }),
    );
  });

  test("a Response is sent as it is", async () => {
    const h = harness({ authorize: () => new Response("sign in first", { status: 401, headers: { "x-app": "1" } }) });
    const response = await h.submit();
    expect(response.status).toBe(401);
    expect(response.headers.get("x-app")).toBe("1");
    expect(await response.text()).toBe("sign in first");
    expect(h.fake.requests).toHaveLength(0);
  });

  test("authorize is not asked about requests that are refused anyway", async () => {
    let asked = 0;
    const h = harness({ authorize: () => ++asked > 0 });
    await h.call(`${BASE}/credits`);
    await h.call(`${BASE}/jobs/a.b`);
    await h.submit({ prompt: "" });
    await h.call(RUN, { method: "GET" });
    expect(asked).toBe(0);
  });
});
