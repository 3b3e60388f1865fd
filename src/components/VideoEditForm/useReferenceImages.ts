import { useState } from "react";
import type { KlingLimits } from "../../core/limits";
import { validateEditInput } from "../../core/validate";
import type { VideoEditFormLabels } from "./labels";
import type { EditFormValues } from "./values";

export interface UseReferenceImagesOptions {
  urls: string[];
  /** The form's values setter: the updater is called at once with the latest values. */
  setValues: (next: (latest: EditFormValues) => EditFormValues) => void;
  /** Merges a change into the latest values, as typing does. */
  update: (patch: Partial<EditFormValues>) => void;
  limits?: Partial<KlingLimits>;
  maxImages: number;
  labels: VideoEditFormLabels;
  /** Nothing is added or removed while the form is busy or disabled. */
  locked: boolean;
}

export interface ReferenceImages {
  draft: string;
  setDraft: (draft: string) => void;
  /** Adds a URL unless the submit rule refuses the list with it; false if refused. */
  addImage: (url: string) => boolean;
  addDraft: () => boolean;
  remove: (index: number) => void;
  full: boolean;
  /** Why the last URL was refused, until the draft changes. */
  draftIssue?: string;
}

/** The reference images: the URL being typed, adding it by the submit rule, removing one. */
export function useReferenceImages(options: UseReferenceImagesOptions): ReferenceImages {
  const { urls, setValues, update, limits, labels, locked } = options;
  const [draft, setDraftState] = useState("");
  const [draftIssue, setDraftIssue] = useState<string>();

  const addImage = (url: string) => {
    let issue: string | undefined;
    setValues((latest) => {
      const image_urls = [...latest.image_urls, url.trim()];
      const refused = validateEditInput({ ...latest, image_urls }, limits);
      issue = refused.ok
        ? undefined
        : refused.errors.image_urls && labels.fieldIssue(refused.errors.image_urls, "image_urls");
      return issue ? latest : { ...latest, image_urls };
    });
    setDraftIssue(issue);
    return !issue;
  };
  const setDraft = (next: string) => {
    if (locked) return;
    setDraftState(next);
    setDraftIssue(undefined);
  };

  return {
    draft,
    setDraft,
    addImage,
    addDraft: () => !locked && !!draft.trim() && addImage(draft) && (setDraftState(""), true),
    remove: (index) => void (locked || update({ image_urls: urls.filter((_, i) => i !== index) })),
    full: urls.length >= options.maxImages,
    draftIssue,
  };
}
