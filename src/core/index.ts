export * from "./types";
export * from "./limits";
export * from "./validate";
export * from "./errors";
export * from "./retry-after";
export * from "./client";
export * from "./contract";
export * from "./uploads";
export type { StreamEnd } from "./stream";
export * from "./schedule";
export { describeJob, type JobView } from "./status";
export { PIXELDOJO_API_URL } from "./upstream";
export { decideSync, SYNC_MAX_NUDGE, SYNC_SEEK_THRESHOLD, type SyncDecision, type SyncInput } from "./sync";
export {
  createProxyUploader,
  proxyOffersUploads,
  type ProxyProbeOptions,
  type ProxyUploaderOptions,
  type UploadFile,
} from "./uploader";
export { readVideoDuration, type ReadVideoDurationOptions } from "./video-duration";
