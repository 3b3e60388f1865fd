export { VideoCompare, type VideoCompareProps } from "./VideoCompare";
export { DEFAULT_VIDEO_COMPARE_LABELS, type VideoCompareLabels, type VideoCompareAudio, type VideoCompareMode } from "./labels";
export {
  useVideoCompare,
  COMPARE_POSITION_PROPERTY,
  type VideoCompareElementProps,
  type UseVideoCompareOptions,
  type UseVideoCompareResult,
  type VideoCompareSide,
  type VideoCompareMediaState,
  type VideoCompareOrientation,
} from "./useVideoCompare";
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
} from "./parts";
