import type { VideoCompareLabels } from "../VideoCompare";
import type { JobProgressLabelOverrides } from "../JobProgress/labels";
import type { VideoEditFormLabels } from "../VideoEditForm/labels";
import type { VideoTrimmerLabels } from "../VideoTrimmer/labels";

/**
 * The editor's own strings; its children's come through `labels.form`, `.progress` and
 * `.compare`. The summary of a running edit names its rows with the form's labels.
 */
export interface KlingVideoEditorLabels {
  formTitle: string;
  progressTitle: string;
  resultTitle: string;
  errorTitle: string;
  /** Accessible name of the summary of the running edit. */
  summary: string;
  /** The summary's answer for "keep the original audio". */
  yes: string;
  no: string;
  editAgain: string;
  newEdit: string;
}

export const DEFAULT_EDITOR_LABELS: KlingVideoEditorLabels = {
  formTitle: "Edit a video",
  progressTitle: "Editing your video",
  resultTitle: "Your edited video",
  errorTitle: "The edit did not finish",
  summary: "This edit",
  yes: "Yes",
  no: "No",
  editAgain: "Edit again",
  newEdit: "New edit",
};

/** Labels of the whole flow, one set per part. */
export interface KlingVideoEditorLabelSet {
  form?: Partial<VideoEditFormLabels>;
  progress?: JobProgressLabelOverrides;
  compare?: Partial<VideoCompareLabels>;
  /** The trimmer shown for a clip that is too long. */
  trimmer?: Partial<VideoTrimmerLabels>;
  editor?: Partial<KlingVideoEditorLabels>;
}
