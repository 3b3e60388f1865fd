export { KlingProvider, useKlingContext, type KlingProviderProps, type KlingContextValue } from "./context";
export { useKlingJob, type UseKlingJobOptions, type UseKlingJobResult } from "./useKlingJob";
export {
  useKlingEdit,
  type UseKlingEditOptions,
  type UseKlingEditResult,
  type KlingCompletedResult,
} from "./useKlingEdit";
export { jobQueryKey } from "./watch";
export {
  useKlingHistory,
  historyQueryKey,
  type UseKlingHistoryOptions,
  type UseKlingHistoryResult,
} from "./useKlingHistory";
export {
  useVideoMetadata,
  type UseVideoMetadataOptions,
  type UseVideoMetadataResult,
  type VideoMetadata,
  type VideoMetadataFailure,
} from "./useVideoMetadata";
export { useSyncedVideos, type UseSyncedVideosOptions, type SyncedVideo } from "./useSyncedVideos";
export { useProxyUploader } from "./useProxyUploader";
