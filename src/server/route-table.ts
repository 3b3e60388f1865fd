// Every route of the proxy in one table, built once from the resolved settings: which methods
// it serves, whether it is on, how its request is read, and its handler. proxy.ts runs the
// steps around it (routing, identify, authorize) the same way for each.
import { ROUTE_METHODS, type ContractRoute } from "../core/contract";
import type { UploadRequest } from "../core/uploads";
import type { ProxyContext, ProxyRequest } from "./context";
import { handleEvents } from "./events";
import { handleHistory, readHistoryQuery, type HistoryQuery } from "./history";
import { baseHeaders, type ErrorAnswer } from "./responses";
import { handleStatus } from "./status";
import { handleSubmit, readSubmitBody } from "./submit";
import type { KlingProxyAction } from "./types";
import { handleUpload, readUploadRequest } from "./uploads/route";
import { handleWebhook } from "./webhooks";

/** The paths of the contract a route can serve. */
export type RouteKind = Exclude<ContractRoute["kind"], "bad-job-id" | "unknown">;
export type RouteMethod = "GET" | "POST";

/** A request read and checked: the value its handler takes, and the action `authorize` decides on. */
export type Parsed<P> = { ok: true; value: P; action: KlingProxyAction } | { ok: false; answer: ErrorAnswer };

/** What a route that is off answers; without one, it is an unknown path. */
export interface RouteOff {
  answer: ErrorAnswer;
  why: string;
  /** Answered to every method (OPTIONS too), not only to the route's own. */
  everyMethod?: boolean;
}

export interface ProxyRoute<P = unknown> {
  /** The methods served; GET also answers HEAD, and OPTIONS is answered for every path. */
  methods: readonly RouteMethod[];
  enabled: boolean;
  off?: RouteOff;
  /** State-changing: a browser's cross-site request is refused (CSRF). */
  sameSite?: boolean;
  /**
   * Nobody's route: answered without `identify` and `authorize` (the uploads probe, a webhook,
   * whose token is its check). `parse` is then not called.
   */
  open?: boolean;
  /** Reads and checks the request, after `identify` and before `authorize`. */
  parse(request: Request, url: URL, match: ContractRoute): Promise<Parsed<P>> | Parsed<P>;
  handle(req: ProxyRequest, value: P, match: ContractRoute): Promise<Response> | Response;
}

export type RouteTable = Readonly<Record<RouteKind, readonly ProxyRoute[]>>;

// A route's value goes only to its own handler: the table can forget its type.
const route = <P>(spec: ProxyRoute<P>) => spec as unknown as ProxyRoute;
const noValue = (): Parsed<undefined> => {
  throw new TypeError("An open route is not parsed.");
};
const jobIdOf = (match: ContractRoute) => (match as { jobId: string }).jobId;
/** Reading a job (its status or its event stream) is one decision for `authorize`. */
const readJob = (_request: Request, _url: URL, match: ContractRoute): Parsed<string> => ({
  ok: true,
  value: jobIdOf(match),
  action: { type: "status", jobId: jobIdOf(match) },
});

export function createRouteTable(ctx: ProxyContext): RouteTable {
  const { watch, webhooks, uploads, limits, maxBodyBytes } = ctx;
  return {
    submit: [
      route({
        methods: [ROUTE_METHODS.submit],
        enabled: true,
        sameSite: true,
        async parse(request) {
          const body = await readSubmitBody(request, { maxBodyBytes, limits });
          return body.ok ? { ok: true, value: body.input, action: { type: "submit", input: body.input } } : body;
        },
        handle: (req, input) => handleSubmit(ctx, req, input),
      }),
    ],
    history: [
      route<HistoryQuery>({
        methods: [ROUTE_METHODS.history],
        enabled: true,
        parse(_request, url) {
          const read = readHistoryQuery(url);
          return read.ok ? { ok: true, value: read.query, action: { type: "history" } } : read;
        },
        handle: (req, query) => handleHistory(ctx, req, query),
      }),
    ],
    status: [
      route({
        methods: [ROUTE_METHODS.status],
        enabled: true,
        parse: readJob,
        handle: (req, jobId) => handleStatus(ctx, req, jobId),
      }),
    ],
    events: [
      route({
        methods: [ROUTE_METHODS.events],
        enabled: !!watch,
        // Push off: the route is there but serves nothing (an empty Allow, as HTTP has it for a
        // resource turned off), so browsers poll every job at once instead of trying each stream.
        off: {
          answer: {
            status: 405,
            code: "invalid_input",
            message: "This proxy streams no events: ask for the job's status.",
            headers: { allow: "" },
          },
          why: "Push is off",
          everyMethod: true,
        },
        parse: readJob,
        handle: (req, jobId) => handleEvents(ctx, req, jobId, watch!),
      }),
    ],
    webhook: [
      route({
        methods: [ROUTE_METHODS.webhook],
        enabled: !!webhooks,
        // A delivery from PixelDojo: nobody's session, only a token (and nothing in it is believed).
        open: true,
        parse: noValue,
        handle: ({ method, path, request }, _value, match) =>
          handleWebhook(ctx, { method, path }, request, (match as { token: string }).token, webhooks!, watch!),
      }),
    ],
    uploads: [
      // `GET {basePath}/uploads` says whether uploads are on, to anyone (the form asks before it
      // shows its upload zones); always 200, so a page without uploads logs no failed request.
      route({
        methods: ["GET"],
        enabled: true,
        open: true,
        parse: noValue,
        handle: () => new Response(JSON.stringify({ uploads: !!uploads }), { status: 200, headers: baseHeaders() }),
      }),
      route<UploadRequest>({
        methods: [ROUTE_METHODS.uploads],
        enabled: !!uploads,
        off: {
          answer: { status: 404, code: "not_found", message: "This proxy takes no uploads." },
          why: "Uploads are off",
        },
        sameSite: true,
        async parse(request) {
          // Type and size against the model's limits before anything is signed (the browser ran the same rule).
          const read = await readUploadRequest(request, { limits });
          if (!read.ok) return read;
          const { kind, type, size, name } = read.value;
          return { ok: true, value: read.value, action: { type: "upload", kind, contentType: type, size, name } };
        },
        handle: (req, upload) => handleUpload(ctx, req, uploads!, upload),
      }),
    ],
  };
}

/** The route of `kind` that serves `method` (HEAD as GET), if any. */
export function routeFor(routes: readonly ProxyRoute[], method: string): ProxyRoute | undefined {
  const asked = method === "HEAD" ? "GET" : method;
  return routes.find((candidate) => candidate.methods.includes(asked as RouteMethod));
}

/** The `Allow` header of a path: its methods, HEAD for what answers GET, and OPTIONS. */
export function allowOf(routes: readonly ProxyRoute[]): string {
  const methods = routes.flatMap((candidate) => candidate.methods);
  const allow = [
    ...(methods.includes("GET") ? ["GET", "HEAD"] : []),
    ...(methods.includes("POST") ? ["POST"] : []),
    "OPTIONS",
  ];
  return allow.join(", ");
}
