// `react-kling-edit/server`: the proxy that holds the PixelDojo key. No React, no DOM.
export { createKlingProxy } from "./proxy";
export { DEFAULT_TIMEOUT_MS } from "./options";
export { toNodeHandler } from "./node";
export { DEFAULT_MAX_BODY_BYTES } from "./body";
export { JOB_ID_PATTERN } from "./routes";
export { RUN_PATH, JOBS_PATH } from "../core/client";
export { PIXELDOJO_API_URL } from "../core/upstream";
export type {
  KlingProxyAction,
  KlingProxyAuthorize,
  KlingProxyDecision,
  KlingProxyErrorBody,
  KlingProxyErrorInfo,
  KlingProxyHandler,
  KlingProxyLogEvent,
  KlingProxyLogger,
  KlingProxyOptions,
} from "./types";
export type { NodeHandlerOptions, NodeNext, NodeRequestHandler, WebRequestHandler } from "./node";
export type { NormalizedEditInput } from "../core/types";
export type { KlingLimits } from "../core/limits";
