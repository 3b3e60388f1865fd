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

export const EMPTY_FORM_VALUES: EditFormValues = {
  prompt: "",
  video_url: "",
  tier: "pro",
  keep_audio: true,
  image_urls: [],
};

/** Form values from (part of) an edit input, with the upstream's defaults for what is missing. */
export function toFormValues(input: Partial<KlingEditInput> | undefined): EditFormValues {
  return {
    prompt: input?.prompt ?? "",
    video_url: input?.video_url ?? "",
    video_duration: input?.video_duration,
    tier: input?.tier ?? "pro",
    keep_audio: input?.keep_audio ?? true,
    image_urls: input?.image_urls ?? [],
  };
}

/** Lengths read from a video are rounded to a tenth of a second, the input's step. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
