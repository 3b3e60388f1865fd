// `react-kling-edit/server`: the proxy that holds the PixelDojo key. No React, no DOM.
export { createKlingProxy } from "./proxy";
export { DEFAULT_TIMEOUT_MS, DEFAULT_UPLOAD_LIMIT, DEFAULT_STREAMS_PER_USER } from "./options";
export { nodeRequestOf, toNodeHandler } from "./node";
export { DEFAULT_MAX_BODY_BYTES } from "./body";
export { createMemoryStore, type MemoryStoreOptions } from "./store/memory";
export {
  s3Uploads,
  UPLOAD_EXTENSIONS,
  DEFAULT_UPLOAD_PREFIX,
  DEFAULT_UPLOAD_EXPIRES_SECONDS,
  DEFAULT_READ_EXPIRES_SECONDS,
  type S3Uploads,
  type S3UploadsOptions,
} from "./uploads/s3";
export type { KlingUploads, KlingUploadTicket, KlingPresignRequest } from "./uploads/types";
export { MAX_UPLOAD_REQUEST_BYTES } from "./uploads/route";
export type {
  KlingHistoryCursor,
  KlingJobRecord,
  KlingJobUpdate,
  KlingSpendLimit,
  KlingSpendReservation,
  KlingStore,
  KlingUploadLimit,
  KlingUploadReservation,
} from "./store/types";
// The framework-free core too: the client entry is a "use client" module, so server code
// (route handlers, server actions) that validates input or builds errors imports them here.
export * from "../core/index";
// The contract's paths and route matcher: for servers (and proxies of their own), not the browser entry.
export {
  RUN_PATH,
  JOBS_PATH,
  WEBHOOKS_PATH,
  UPLOADS_PATH,
  JOB_ID_PATTERN,
  WEBHOOK_TOKEN_PATTERN,
  ROUTE_METHODS,
  jobPath,
  jobEventsPath,
  matchContractPath,
  type ContractRoute,
} from "../core/contract";
export type {
  KlingProxyAction,
  KlingProxyAuthorize,
  KlingProxyCaller,
  KlingProxyIdentify,
  KlingPushOptions,
  KlingWebhookOptions,
  KlingSpendLimitOption,
  KlingUploadLimitOption,
  KlingStreamLimit,
  KlingProxyDecision,
  KlingProxyCommonOptions,
  KlingProxyErrorBody,
  KlingProxyErrorInfo,
  KlingProxyHandler,
  KlingProxyLogEvent,
  KlingProxyLogger,
  KlingProxyOptions,
} from "./types";
export type { NodeHandlerOptions, NodeNext, NodeProxyHandler, NodeRequestHandler, WebRequestHandler } from "./node";
export type { NodeConnectListener } from "./node-connect";
