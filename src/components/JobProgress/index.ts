export { JobProgress, type JobProgressProps, type JobProgressWatchProps } from "./JobProgress";
export { JobProgressView, type JobProgressViewProps, type JobProgressCommonProps } from "./JobProgressView";
export {
  useJobProgress,
  progressErrorMessage,
  DEFAULT_ESTIMATED_DURATION_MS,
  DEFAULT_EXPIRY_WARNING_MS,
  type JobProgressSource,
  type UseJobProgressOptions,
  type JobProgressState,
  type JobProgressAction,
  type JobProgressActionName,
} from "./useJobProgress";
export { DEFAULT_PROGRESS_LABELS, type JobProgressLabels, type JobProgressLabelOverrides } from "./labels";
