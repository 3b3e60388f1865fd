// Several proxy instances in front of one fake upstream, sharing one store: as an app runs
// behind a load balancer. The user is named by the request's `x-user` header (the tests'
// stand-in for a session).
import { createFakeKling, type FakeKling, type FakeKlingOptions } from "../../../src/testing";
import {
  createKlingProxy,
  type KlingProxyHandler,
  type KlingProxyLogEvent,
  type KlingProxyOptions,
  type KlingStore,
} from "../../../src/server";
import { BASE, KEY, ORIGIN, RUN, VALID_INPUT } from "../support";

export interface Instances {
  fake: FakeKling;
  proxies: KlingProxyHandler[];
  logs: KlingProxyLogEvent[];
  /** Calls instance `n` (default 0) as `user` (undefined: anonymous). */
  call(user: string | undefined, path: string, init?: RequestInit & { instance?: number }): Promise<Response>;
  submit(user: string | undefined, init?: { instance?: number; body?: unknown }): Promise<Response>;
  /** Requests that reached the upstream. */
  upstreamCalls(): number;
}

export function instances(
  stores: KlingStore[],
  options: Partial<KlingProxyOptions> = {},
  fakeOptions: FakeKlingOptions = {},
): Instances {
  const fake = createFakeKling({ apiKey: KEY, ...fakeOptions });
  const logs: KlingProxyLogEvent[] = [];
  const proxies = stores.map((store) =>
    createKlingProxy({
      apiKey: KEY,
      fetch: fake.fetch,
      basePath: BASE,
      identify: (request) => request.headers.get("x-user"),
      authorize: () => true,
      log: (event) => logs.push(event),
      store,
      ...options,
    }),
  );
  const call: Instances["call"] = (user, path, { instance = 0, ...init } = {}) => {
    const headers = new Headers(init.headers);
    if (user !== undefined) headers.set("x-user", user);
    return proxies[instance]!(new Request(ORIGIN + path, { ...init, headers }));
  };
  return {
    fake,
    proxies,
    logs,
    call,
    submit: (user, { instance, body = VALID_INPUT } = {}) =>
      call(user, RUN, {
        instance,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    upstreamCalls: () => fake.requests.length,
  };
}

export async function jobIdOf(response: Response): Promise<string> {
  const { jobId } = (await response.clone().json()) as { jobId?: string };
  if (!jobId) throw new Error(`no job in ${response.status} ${await response.clone().text()}`);
  return jobId;
}

export async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; message: string; retryAfter: string | null }> {
  const body = (await response.clone().json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error, retryAfter: response.headers.get("retry-after") };
}
