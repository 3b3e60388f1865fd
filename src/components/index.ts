export * from "./VideoEditForm/index";
export * from "./JobProgress/index";
export * from "./KlingVideoEditor/index";
export * from "./VideoCompare/index";
export { decideSync, SYNC_MAX_NUDGE, SYNC_SEEK_THRESHOLD, type SyncDecision, type SyncInput } from "../core/sync";
export { useSyncedVideos, type UseSyncedVideosOptions } from "../hooks/useSyncedVideos";
