export { VideoEditForm, type VideoEditFormProps } from "./VideoEditForm";
export { DEFAULT_FORM_LABELS, type VideoEditFormLabels } from "./labels";
export { EMPTY_FORM_VALUES, toFormValues, type EditFormValues } from "./values";
export type { UploadFile } from "./useUpload";
