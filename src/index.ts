"use client";
export * from "./core/index";
export * from "./hooks/index";
export * from "./components/index";
// The browser's uploader: this entry's, not the server's (react-kling-edit/server re-exports the
// core without it). Out of the core index, so that the library's build gives it a chunk of its
// own, which apps fetch only when the proxy takes uploads (useProxyUploader's import()).
// Its `UploadFile` and the form's are the same type; named once here.
export { createProxyUploader, type ProxyUploaderOptions, type UploadFile } from "./core/uploader";
export { proxyOffersUploads, type ProxyProbeOptions } from "./core/upload-probe";
export { readVideoDuration, type ReadVideoDurationOptions } from "./core/video-duration";
// The media engine: the client entry's only, each function a door to a chunk of its own (the
// media toolkit), fetched when a clip is first inspected or prepared.
export {
  canPrepareClip,
  inspectClip,
  prepareClip,
  type ClipAudio,
  type ClipChange,
  type PrepareClipOptions,
  type PreparedClip,
} from "./core/clip/index";
export { prepareClipInWorker, serveClipWorker, type ClipWorkerScope } from "./core/clip/worker";
