export { JobProgress, type JobProgressProps, type JobProgressWatchProps } from "./JobProgress";
export {
  JobProgressView,
  progressErrorMessage,
  DEFAULT_ESTIMATED_DURATION_MS,
  DEFAULT_EXPIRY_WARNING_MS,
  type JobProgressViewProps,
  type JobProgressCommonProps,
} from "./JobProgressView";
export { DEFAULT_PROGRESS_LABELS, type JobProgressLabels, type JobProgressLabelOverrides } from "./labels";
