// The form shows its upload zones by default only where the proxy takes uploads:
// `OPTIONS {proxyUrl}/uploads` answers 204 with Allow: POST there, 404 where it has no `uploads`.
import { expect, test, vi } from "vitest";
import { proxyOffersUploads } from "../../src/core/uploader";
import { PROXY_URL, setupUploads } from "./support";

const { ctx, use } = setupUploads();

test("true for a proxy with uploads, false for one without", async () => {
  expect(await proxyOffersUploads(PROXY_URL)).toBe(true);
  expect(ctx.proxy.requests.at(-1)).toMatchObject({ method: "OPTIONS", path: "/uploads" });
  use({ proxy: () => ({ uploads: undefined }) });
  expect(await proxyOffersUploads(`${PROXY_URL}/`)).toBe(false);
});

test("false when the proxy cannot be reached, or answers 2xx without allowing POST (another server's catch-all)", async () => {
  ctx.proxy.failNext();
  expect(await proxyOffersUploads(PROXY_URL)).toBe(false);
  const catchAll = vi.fn<typeof fetch>(async () => new Response(null, { status: 204, headers: { allow: "GET, HEAD" } }));
  expect(await proxyOffersUploads(PROXY_URL, { fetch: catchAll })).toBe(false);
  const bare = vi.fn<typeof fetch>(async () => new Response(null, { status: 204 }));
  expect(await proxyOffersUploads(PROXY_URL, { fetch: bare })).toBe(false);
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
