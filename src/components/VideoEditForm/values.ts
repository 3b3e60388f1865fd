import type { KlingEditInput, KlingTier } from "../../core/types";

/** What the form holds while the user types: every field present, the length possibly unknown. */
export interface EditFormValues {
  prompt: string;
  video_url: string;
  /** `undefined` while the length is neither read from the video nor typed. */
  video_duration?: number;
  tier: KlingTier;
  keep_audio: boolean;
  image_urls: string[];
}

/** Form values from (part of) an edit input, with the upstream's defaults for what is missing. */
export function toFormValues(input: Partial<KlingEditInput> = {}): EditFormValues {
  const { prompt = "", video_url = "", video_duration, tier = "pro", keep_audio = true, image_urls = [] } = input;
  return { prompt, video_url, video_duration, tier, keep_audio, image_urls };
}

export const EMPTY_FORM_VALUES: EditFormValues = /* @__PURE__ */ toFormValues();
