// The `react-kling-edit/core` entry: everything a page needs without React (the client, the
// errors, validation, the types, the job watch and the edit session). No React, no DOM beyond
// `fetch` and streams at import; the build check holds it to that.
export * from "./index";
export { baseUrl, joinUrl } from "./base-url";
export {
  createJobWatch,
  withSubmitCredits,
  type JobWatch,
  type JobWatchOptions,
  type JobWatchSnapshot,
  type JobWatchState,
  type JobWatchStore,
  type OnlineSource,
} from "./job-watch";
export {
  createEditSession,
  type EditSession,
  type EditSessionOptions,
  type EditSessionSnapshot,
  type EditSessionState,
} from "./edit-session";
export type { PersistedEdit, SeenStream } from "./storage";
export { createProxyUploader, type ProxyUploaderOptions, type UploadFile } from "./uploader";
export { proxyOffersUploads, type ProxyProbeOptions } from "./upload-probe";
