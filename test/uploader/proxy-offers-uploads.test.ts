// The form shows its upload zones by default only where the proxy takes uploads:
// `OPTIONS {proxyUrl}/uploads` answers 204 with Allow: POST there, 404 where it has no `uploads`.
// Where a server in front answers every OPTIONS itself (Vite's dev server, Next.js without an
// OPTIONS export), the proxy's answer to GET decides: 405 with Allow: POST, or 404.
import { describe, expect, test, vi } from "vitest";
import { proxyOffersUploads } from "../../src/core/upload-probe";
import { PROXY_URL, setupUploads } from "./support";

const { ctx, restart } = setupUploads();
const withoutUploads = () => restart({ proxy: () => ({ uploads: undefined }) });

/** The proxy behind a server that answers OPTIONS before it can (`allow` as that server sets it). */
const behindOptionsAnswerer = (allow?: string): typeof fetch =>
  vi.fn<typeof fetch>(async (input, init) =>
    init?.method === "OPTIONS"
      ? new Response(null, { status: 204, headers: allow ? { allow } : { "access-control-allow-methods": "GET,HEAD,PUT,PATCH,POST,DELETE" } })
      : ctx.proxy.fetch(input, init),
  );
const methodsSent = () => ctx.proxy.requests.map((request) => `${request.method} ${request.path}`);

describe("the proxy answers OPTIONS itself", () => {
  test("with uploads: true, from OPTIONS alone", async () => {
    expect(await proxyOffersUploads(PROXY_URL)).toBe(true);
    expect(methodsSent()).toEqual(["OPTIONS /uploads"]);
  });

  test("without: false, from OPTIONS alone (a trailing slash is the same proxy)", async () => {
    withoutUploads();
    expect(await proxyOffersUploads(`${PROXY_URL}/`)).toBe(false);
    expect(methodsSent()).toEqual(["OPTIONS /uploads"]);
  });
});

describe("something in front answers OPTIONS", () => {
  test.each([
    ["a CORS middleware (Vite's dev server)", undefined],
    ["a framework's automatic OPTIONS (Next.js)", "GET, HEAD, OPTIONS, POST"],
  ])("%s: the proxy's answer to GET decides", async (_, allow) => {
    expect(await proxyOffersUploads(PROXY_URL, { fetch: behindOptionsAnswerer(allow) })).toBe(true);
    expect(methodsSent()).toEqual(["GET /uploads"]);
    withoutUploads();
    expect(await proxyOffersUploads(PROXY_URL, { fetch: behindOptionsAnswerer(allow) })).toBe(false);
  });
});

test("false when the proxy cannot be reached", async () => {
  ctx.proxy.failNext();
  expect(await proxyOffersUploads(PROXY_URL)).toBe(false);
});

test("sends the app's headers, through the app's fetch", async () => {
  const appFetch = vi.fn<typeof fetch>((input, init) => ctx.proxy.fetch(input, init));
  expect(await proxyOffersUploads(PROXY_URL, { fetch: appFetch, headers: async () => ({ authorization: "Bearer app-token" }) })).toBe(true);
  const [url, init] = appFetch.mock.calls[0]!;
  expect(url).toBe("/api/kling/uploads");
  expect(init?.method).toBe("OPTIONS");
  expect(new Headers(init?.headers).get("authorization")).toBe("Bearer app-token");
});

test("rejects with the signal's reason when aborted", async () => {
  const controller = new AbortController();
  controller.abort("unmounted");
  await expect(proxyOffersUploads(PROXY_URL, { signal: controller.signal })).rejects.toBe("unmounted");
});
