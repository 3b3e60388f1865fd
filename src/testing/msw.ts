import { http, HttpResponse, type HttpHandler } from "msw";
import { PIXELDOJO_API_URL } from "../core/upstream";
import type { FakeKling } from "./fake-kling";

/**
 * msw handlers that route the upstream URL (and the proxy URL, when the fake has one) to the
 * fake. Use with `setupServer` in tests or `setupWorker` / msw-storybook-addon in a browser.
 */
export function fakeKlingHandlers(fake: FakeKling): HttpHandler[] {
  const roots = [fake.options.upstreamUrl ?? PIXELDOJO_API_URL, fake.options.proxyUrl].filter(
    (root): root is string => !!root,
  );
  return roots.map((root) =>
    http.all(`${root.replace(/\/+$/, "")}/*`, async ({ request }) => {
      const answer = await fake.handle(request);
      return answer === "network_error" ? HttpResponse.error() : answer;
    }),
  );
}
