// @vitest-environment node
// The README's recipes, as a new user copies them: every TypeScript block of the sections below
// type-checks against the library (fragments, marked `<!-- recipe: fragment -->`, are few and
// only read), and the server recipes run: a submit and a status through each one's proxy, in
// front of the simulated PixelDojo.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFakeKling } from "../../src/testing";
import { readRecipes, type Recipe } from "./extract";
import { toModules, typeErrors, writeModules, type RecipeModule } from "./modules";

const SECTIONS = [
  "Quick start",
  "Local development without a key",
  "Vite",
  "Server: `react-kling-edit/server`",
  "Next.js (App Router)",
  "Express (and Connect, and Node's `http`)",
  "Testing your integration",
  "Simulated mode: uploads with no account",
  "Design systems",
  "`useVideoEditForm(options)`",
  "`useClipTrim(options)`",
  "`useJobProgress(source, options?)`",
  "`useVideoCompare(options)`",
  "Parts of the comparison",
  "Testing with `react-kling-edit/testing`",
  "A complete component test",
];
// A cold type-check of the blocks and the sources they import; a busy 2-core machine needs time.
const SLOW = 180_000;

const recipes = readRecipes().filter((recipe) => SECTIONS.includes(recipe.section));
const modules = toModules(recipes.filter((recipe) => !recipe.fragment));
const moduleOf = (section: string, name?: string): RecipeModule => {
  const found = modules.filter(
    (module) => module.recipe.section === section && (!name || module.name.endsWith(`/${name}`)),
  );
  if (found.length !== 1) throw new Error(`expected one recipe in "${section}" ${name ?? ""}, found ${found.length}`);
  return found[0]!;
};

describe("the README's recipes", () => {
  it("come from every section named here, with few fragments", () => {
    expect(new Set(recipes.map((recipe) => recipe.section)).size).toBeGreaterThanOrEqual(12);
    expect(recipes.filter((recipe) => recipe.fragment).length).toBeLessThanOrEqual(2);
  });

  it("type-check against the library, as an app would import it", { timeout: SLOW }, () => {
    expect(typeErrors(modules)).toEqual([]);
  });

  it("fail the check when one drifts from the API", { timeout: SLOW }, () => {
    const vite = moduleOf("Vite", "kling-proxy.ts");
    const drifted: Recipe = { ...vite.recipe, code: vite.recipe.code.replace("authorize:", "authorise:") };
    expect(typeErrors(toModules([drifted])).join("\n")).toMatch(/authorise/);
  });
});

describe("the README's server recipes run", () => {
  const INPUT = { prompt: "Make it snow", video_url: "https://cdn.example.com/source.mp4", video_duration: 5 };
  const realFetch = globalThis.fetch;
  const fake = createFakeKling({ apiKey: "test-key" });
  let files: Map<RecipeModule, string>;
  // The recipes that take the key from the environment reach "PixelDojo" through the global fetch.
  const upstream = new URL(fake.options.upstreamUrl ?? "https://pixeldojo.ai/api/v1").origin;
  const routed: typeof fetch = (input, init) => {
    const url = new Request(input, init).url;
    return url.startsWith(upstream) ? fake.fetch(input, init) : realFetch(input, init);
  };

  beforeAll(async () => {
    files = await writeModules(modules);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  const load = async (
    module: RecipeModule,
    env: Record<string, string | undefined> = { PIXELDOJO_API_KEY: "test-key" },
  ) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    vi.stubGlobal("fetch", routed);
    return (await import(/* @vite-ignore */ files.get(module)!)) as Record<string, unknown>;
  };

  /** A submit, then the status at the statusUrl it answered: what a page does first. */
  async function submitAndRead(send: (request: Request) => Promise<Response>, origin: string, user?: string) {
    const headers: Record<string, string> = user ? { "x-user": user } : {};
    const submit = await send(
      new Request(`${origin}/api/kling/models/kling-video-edit/run`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(INPUT),
      }),
    );
    expect(submit.status, await submit.clone().text()).toBe(202);
    const job = (await submit.json()) as { jobId: string; statusUrl: string };
    expect(job.statusUrl).toBe(`${origin}/api/kling/jobs/${job.jobId}`);
    const status = await send(new Request(job.statusUrl, { headers }));
    expect(status.status).toBe(200);
    expect(((await status.json()) as { jobId: string }).jobId).toBe(job.jobId);
  }

  type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  /** A Node handler on a loopback port, as Vite or Express would mount it. */
  async function overHttp(handler: NodeHandler, user?: string) {
    const server = createServer((req, res) => handler(req, res, () => res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await submitAndRead((request) => realFetch(request), `http://127.0.0.1:${port}`, user);
    } finally {
      server.close();
    }
  }

  const web = (value: unknown) => value as (request: Request) => Promise<Response>;

  it("Quick start: the route handler", async () => {
    const route = await load(moduleOf("Quick start", "block-1.ts"));
    await submitAndRead((request) => web(route[request.method])(request), "http://localhost", "alice");
  });

  it("Local development without a key: the simulated backend, as a Node handler", async () => {
    const { klingProxy } = await load(moduleOf("Local development without a key"), { PIXELDOJO_API_KEY: undefined });
    const before = fake.requests.length;
    await overHttp(klingProxy as NodeHandler);
    expect(fake.requests).toHaveLength(before); // its own simulated backend answered
  });

  it("Vite: kling-proxy.ts", async () => {
    const { klingProxy } = await load(moduleOf("Vite", "kling-proxy.ts"));
    await overHttp(klingProxy as NodeHandler, "alice");
  });

  it("Server: the handler with identify, authorize and a spend limit", async () => {
    const { proxy } = await load(moduleOf("Server: `react-kling-edit/server`"));
    await submitAndRead(web(proxy), "http://localhost", "alice");
  });

  it("Next.js: the route's GET and POST", async () => {
    const route = await load(moduleOf("Next.js (App Router)"));
    await submitAndRead((request) => web(route[request.method])(request), "http://localhost");
  });

  it("Express: the app on the port it is given", async () => {
    const { server } = await load(moduleOf("Express (and Connect, and Node's `http`)"), {
      PIXELDOJO_API_KEY: "test-key",
      PORT: "0",
    });
    const listening = server as ReturnType<typeof createServer>;
    if (!listening.listening) await new Promise((resolve) => listening.once("listening", resolve));
    const { port } = listening.address() as AddressInfo;
    try {
      await submitAndRead((request) => realFetch(request), `http://127.0.0.1:${port}`, "alice");
    } finally {
      listening.close();
    }
  });

  it("Testing: the integration test and the fake's tour run as printed", async () => {
    await load(moduleOf("Testing your integration"));
    await load(moduleOf("Testing with `react-kling-edit/testing`", "block-1.ts"));
    await load(moduleOf("Testing with `react-kling-edit/testing`", "block-2.ts")); // the sample clips
    await load(moduleOf("Simulated mode: uploads with no account", "block-1.ts"));
  });

  it("Testing: the component test is the one this repository runs", () => {
    const imports = /^import .*\n/gm;
    const printed = moduleOf("A complete component test").recipe.code.replace(imports, "");
    const file = readFileSync(path.resolve(import.meta.dirname, "./component-test.test.tsx"), "utf8");
    expect(file.replace(/^\/\/.*\n/, "").replace(imports, "")).toBe(printed);
  });
});
