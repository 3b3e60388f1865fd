export { VideoCompare, type VideoCompareProps } from "./VideoCompare";
export {
  DEFAULT_VIDEO_COMPARE_LABELS,
  type VideoCompareLabels,
  type VideoCompareAudio,
  type VideoCompareMode,
} from "./labels";
export { useVideoCompare, COMPARE_POSITION_PROPERTY, COMPARE_POSITION_STEP, roundPosition } from "./useVideoCompare";
export { useCompareTime, type UseCompareTimeOptions, type UseCompareTimeResult } from "./useCompareTime";
export type {
  VideoCompareElementProps,
  VideoCompareButtonProps,
  VideoCompareVideoProps,
  VideoCompareInputProps,
  UseVideoCompareOptions,
  UseVideoCompareResult,
  VideoCompareSide,
  VideoCompareMediaState,
  VideoCompareOrientation,
  VideoCompareDirection,
  VideoCompareTimeState,
} from "./types";
export {
  useVideoCompareContext,
  VideoCompareRoot,
  VideoCompareStage,
  VideoComparePane,
  VideoCompareVideo,
  VideoCompareStatus,
  VideoCompareDivider,
  VideoCompareHold,
  VideoComparePlay,
  VideoCompareSeek,
  VideoCompareTime,
  type VideoCompareRootProps,
  type VideoCompareSideProps,
  type VideoCompareAsChildProps,
} from "./parts";
