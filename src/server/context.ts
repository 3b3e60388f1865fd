import type { ClaimSigner } from "./claims";
import type { ProxySettings } from "./options";
import type { PendingWrites } from "./pending";
import type { ReadBudget } from "./push/budget";
import type { ServerWatch } from "./push/watch";
import type { ErrorAnswer } from "./responses";
import type { Emit } from "./store-call";
import type { UpstreamRequest, UpstreamResult } from "./upstream-call";

/** What every route handler of one proxy shares: its resolved settings, store, logger and upstream. */
export interface ProxyContext extends ProxySettings {
  /** Removes the API key from text that leaves the server. */
  redact: (text: string) => string;
  /** Logs one event, redacted; a failing logger is ignored. */
  emit: Emit;
  /** One exchange with the upstream, with the key (`ProxySettings.upstream` is its root URL). */
  callUpstream: (call: UpstreamRequest) => Promise<UpstreamResult>;
  now: () => number;
  /** Store writes owed after the upstream charged a job, kept and retried through an outage. */
  pending: PendingWrites;
  /** Signs and checks the ownership claims that submit answers carry. */
  claims: ClaimSigner;
  /** `upstreamBudget`, shared by the watch and the status route; undefined when off. */
  readBudget: ReadBudget | undefined;
  /** The server watch and its streams, when push is on. */
  watch: ServerWatch | undefined;
}

/** One request as a route handler sees it: routed, and its caller identified. */
export interface ProxyRequest {
  request: Request;
  url: URL;
  method: string;
  /** The path as requested (for logs). */
  path: string;
  /** `identify`'s answer (undefined with `ownership: false` and no `identify`). */
  user: string | undefined;
  /** `{origin}{basePath}` as the browser reached the proxy. */
  root: string;
  /** Answers an error the proxy decided on itself, and logs why. */
  refuse: (answer: ErrorAnswer, why: string) => Response;
}

/** The owner a job is recorded under, and the key spend is counted by. */
export const ownerOf = (user: string | undefined): string => user ?? "";
