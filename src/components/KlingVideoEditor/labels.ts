import type { KlingTier } from "../../core/types";
import type { VideoCompareLabels } from "../VideoCompare";
import type { JobProgressLabelOverrides } from "../JobProgress/labels";
import type { VideoEditFormLabels } from "../VideoEditForm/labels";

/** The editor's own strings; its children's come through `labels.form`, `.progress` and `.compare`. */
export interface KlingVideoEditorLabels {
  formTitle: string;
  progressTitle: string;
  resultTitle: string;
  errorTitle: string;
  summary: string;
  summaryPrompt: string;
  summaryVideo: string;
  summaryDuration: string;
  summaryTier: string;
  summaryAudio: string;
  summaryImages: string;
  seconds: (seconds: number) => string;
  tier: (tier: KlingTier) => string;
  keepAudio: (kept: boolean) => string;
  editAgain: string;
  newEdit: string;
}

export const DEFAULT_EDITOR_LABELS: KlingVideoEditorLabels = {
  formTitle: "Edit a video",
  progressTitle: "Editing your video",
  resultTitle: "Your edited video",
  errorTitle: "The edit did not finish",
  summary: "This edit",
  summaryPrompt: "Change",
  summaryVideo: "Source video",
  summaryDuration: "Length",
  summaryTier: "Quality",
  summaryAudio: "Audio",
  summaryImages: "Reference images",
  seconds: (seconds) => `${seconds} s`,
  tier: (tier) => (tier === "standard" ? "Standard (720p)" : "Pro (1080p)"),
  keepAudio: (kept) => (kept ? "Original audio kept" : "Without the original audio"),
  editAgain: "Edit again",
  newEdit: "New edit",
};

/** Labels of the whole flow, one set per part. */
export interface KlingVideoEditorLabelSet {
  form?: Partial<VideoEditFormLabels>;
  progress?: JobProgressLabelOverrides;
  compare?: Partial<VideoCompareLabels>;
  editor?: Partial<KlingVideoEditorLabels>;
}
