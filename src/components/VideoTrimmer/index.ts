export { VideoTrimmer, type VideoTrimmerProps } from "./VideoTrimmer";
export { DEFAULT_TRIMMER_LABELS, type VideoTrimmerLabels } from "./labels";
export {
  useClipTrim,
  TRIM_START_PROPERTY,
  TRIM_END_PROPERTY,
  type UseClipTrimOptions,
  type UseClipTrimResult,
  type ClipTrimState,
  type ClipTrimElementProps,
} from "./useClipTrim";
export type { ClipTrimRange, ClipTrimBounds, ClipTrimEdge, ClipTrimPart } from "./range";
export type { ClipTrimFrame } from "./useFrameStrip";
