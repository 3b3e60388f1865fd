// The form shows its upload zones by default only where the proxy takes uploads:
// `GET {proxyUrl}/uploads` answers 200 { uploads: true | false } to anyone (no identify), so a
// page whose proxy takes none logs no failed request; anything else counts as no.
import { describe, expect, test, vi } from "vitest";
import { proxyOffersUploads } from "../../src/core/upload-probe";
import { PROXY_URL, setupUploads } from "./uploader/support";

const { ctx, restart } = setupUploads();
const withoutUploads = () => restart({ proxy: () => ({ uploads: undefined }) });
const sentLines = () => ctx.proxy.requests.map((request) => `${request.method} ${request.path}`);

describe("GET {proxyUrl}/uploads", () => {
  test("with uploads: true, in one request", async () => {
    expect(await proxyOffersUploads(PROXY_URL)).toBe(true);
    expect(sentLines()).toEqual(["GET /uploads"]);
  });

  test("without: false, from the proxy's 200 (a trailing slash is the same proxy)", async () => {
    withoutUploads();
    const answer = await ctx.proxy.fetch(`${PROXY_URL}/uploads`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ uploads: false });
    expect(await proxyOffersUploads(`${PROXY_URL}/`)).toBe(false);
  });

  test("answers signed-out callers too: it says only whether uploads are on", async () => {
    ctx.proxy.signIn(null);
    expect(await proxyOffersUploads(PROXY_URL)).toBe(true);
  });

  test("a POST where uploads are off: 404, nothing signed", async () => {
    withoutUploads();
    const answer = await ctx.proxy.fetch(`${PROXY_URL}/uploads`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(404);
  });
});

test.each([
  ["another proxy's 404", new Response(JSON.stringify({ error: "Not found" }), { status: 404 })],
  ["a 200 that says nothing of uploads", Response.json({ ok: true })],
  ["a 200 that is not JSON", new Response("<html>", { status: 200 })],
])("%s: false", async (_name, answer) => {
  expect(await proxyOffersUploads(PROXY_URL, { fetch: async () => answer })).toBe(false);
});

test("false when the proxy cannot be reached", async () => {
  ctx.proxy.failNext();
  expect(await proxyOffersUploads(PROXY_URL)).toBe(false);
});

test("sends the app's headers, through the app's fetch", async () => {
  const appFetch = vi.fn<typeof fetch>((input, init) => ctx.proxy.fetch(input, init));
  expect(
    await proxyOffersUploads(PROXY_URL, {
      fetch: appFetch,
      headers: async () => ({ authorization: "Bearer app-token" }),
    }),
  ).toBe(true);
  const [url, init] = appFetch.mock.calls[0]!;
  expect(url).toBe("/api/kling/uploads");
  expect(init?.method ?? "GET").toBe("GET");
  expect(new Headers(init?.headers).get("authorization")).toBe("Bearer app-token");
});

test("rejects with the signal's reason when aborted", async () => {
  const controller = new AbortController();
  controller.abort("unmounted");
  await expect(proxyOffersUploads(PROXY_URL, { signal: controller.signal })).rejects.toBe("unmounted");
});
