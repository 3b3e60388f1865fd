export { VideoEditForm, type VideoEditFormProps, type VideoEditFormLayout } from "./VideoEditForm";
export {
  useVideoEditForm,
  type UseVideoEditFormOptions,
  type UseVideoEditFormResult,
  type VideoEditFormState,
  type VideoEditFormUpload,
  type VideoEditFieldProps,
  type TierGroupProps,
  type TierOptionProps,
} from "./useVideoEditForm";
export { useUpload, type UploadFile, type UploadState, type UseUploadResult } from "./useUpload";
export { DEFAULT_FORM_LABELS, type VideoEditFormLabels } from "./labels";
export { EMPTY_FORM_VALUES, toFormValues, type EditFormValues } from "./values";
export type { ClipPreparationStatus, ClipTrimOptions, VideoEditFormClip, ClipPlanNote } from "./useClipPreparation";
