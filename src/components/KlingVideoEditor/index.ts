export { KlingVideoEditor, type KlingVideoEditorProps, type KlingVideoEditorStep } from "./KlingVideoEditor";
export { DEFAULT_EDITOR_LABELS, type KlingVideoEditorLabels, type KlingVideoEditorLabelSet } from "./labels";
