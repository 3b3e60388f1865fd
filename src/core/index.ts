export * from "./types";
export * from "./limits";
export * from "./validate";
// The clip rule (pure, beside validateEditInput); the media engine is the client entry's.
export {
  checkClip,
  clipVerdict,
  defaultClipWindow,
  fitClipFps,
  fitClipSize,
  type ClipInfo,
  type ClipIssue,
  type ClipIssueCode,
  type ClipRotation,
  type ClipVerdict,
} from "./clip/check";
export * from "./errors";
export * from "./retry-after";
// Listed, not `*`: the client module's building blocks (createJobClient, listJobs alone) are internal.
export {
  createKlingClient,
  errorFromResponse,
  type HeadersOption,
  type KlingClient,
  type KlingClientOptions,
  type KlingJobClient,
  type RequestOptions,
  type StreamJobOptions,
} from "./client";
// Of the contract, what browser code reads: the answers' shapes and the history's page bounds.
// The paths, patterns and the route matcher are the server's (react-kling-edit/server).
export {
  DEFAULT_HISTORY_LIMIT,
  MAX_HISTORY_LIMIT,
  type KlingHistoryItem,
  type KlingHistoryPage,
  type KlingProxyErrorBody,
} from "./contract";
export * from "./uploads";
export type { StreamEnd } from "./stream";
export * from "./schedule";
export { describeJob, type JobView } from "./status";
export { PIXELDOJO_API_URL } from "./upstream";
export { decideSync, SYNC_MAX_NUDGE, SYNC_SEEK_THRESHOLD, type SyncDecision, type SyncInput } from "./sync";
