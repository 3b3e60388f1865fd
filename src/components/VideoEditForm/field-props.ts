import type { ChangeEvent, KeyboardEvent } from "react";
import { TIERS, type KlingLimits } from "../../core/limits";
import type { EditField, KlingTier } from "../../core/types";
import { cx, mergeProps } from "../shared";
import type { VideoEditFormLabels } from "./labels";
import type {
  FieldElement,
  InputProps,
  TierGroupProps,
  TierOptionProps,
  UseVideoEditFormResult,
  VideoEditFieldProps,
} from "./types";
import type { ReferenceImages } from "./useReferenceImages";
import type { EditFormValues } from "./values";

export interface FieldContext {
  values: EditFormValues;
  labels: VideoEditFormLabels;
  limits: KlingLimits;
  ids: UseVideoEditFormResult["ids"];
  /** A field's message, the images' included. */
  messageOf: (field: EditField) => string | undefined;
  update: (patch: Partial<EditFormValues>) => void;
  /** The URL field was typed in (the preview waits for the typing to stop). */
  typedUrl: (event: ChangeEvent<FieldElement>) => void;
  /** A link typed or pasted replaces a picked clip, wherever it was. */
  dropClip: () => void;
  images: ReferenceImages;
  /** The picked clip has no sound: there is none to keep. */
  silent: boolean;
  /** Busy or disabled: every control is read-only or disabled, and its handlers change nothing. */
  locked: boolean;
}

type Getters = Pick<
  UseVideoEditFormResult,
  "getFieldProps" | "getTierProps" | "getTierGroupProps" | "getTierOptionProps"
>;

/**
 * The prop getters of the form's controls: ids, names, values and handlers, `aria-invalid` and
 * `aria-describedby` (its message, then its hints), and the lock: text fields are `readOnly`,
 * choices `disabled`, and no handler changes anything while the form is busy or disabled.
 */
export function fieldGetters(context: FieldContext): Getters {
  const { values, ids, messageOf, images, locked, limits: max } = context;
  // While locked, a control's own handler is a no-op too: a design system's input may ignore readOnly.
  const update = (patch: Partial<EditFormValues>) => void (locked || context.update(patch));
  // Text fields are readOnly, choices disabled: both while locked.
  const off = locked || undefined;
  const describe = (field: EditField, ...hints: Array<string | false>) => {
    const invalid = !!messageOf(field);
    return {
      id: ids.field(field),
      name: field,
      "aria-invalid": invalid || undefined,
      "aria-describedby": cx(invalid && ids.message(field), ...hints) || undefined,
    } as const;
  };
  const duration = values.video_duration;
  const tierInvalid = !!messageOf("tier");
  const tierDescribedBy = tierInvalid ? ids.message("tier") : undefined;
  const tierName = ids.field("tier");
  // The first radio or option stands for the group: the tier's label and the focus of an invalid tier go to it.
  const tierOption = (tier: KlingTier) => ({
    id: tier === TIERS[0] ? tierName : undefined,
    value: tier,
    disabled: off,
  });

  const fieldProps: Record<EditField, () => VideoEditFieldProps | Partial<VideoEditFieldProps>> = {
    prompt: () => ({
      ...describe("prompt", ids.promptHint, ids.promptCount),
      value: values.prompt,
      readOnly: off,
      onChange: (event) => update({ prompt: event.currentTarget.value }),
    }),
    video_url: () => ({
      ...describe("video_url"),
      type: "url",
      inputMode: "url",
      value: values.video_url,
      readOnly: off,
      onChange: (event) => {
        if (locked) return;
        context.typedUrl(event);
        context.dropClip();
        update({ video_url: event.currentTarget.value.trim() });
      },
    }),
    video_duration: () => ({
      ...describe("video_duration", ids.durationHint),
      type: "number",
      inputMode: "decimal",
      step: 0.1,
      min: max.minDurationSeconds,
      max: max.maxDurationSeconds,
      value: Number.isFinite(duration) ? duration : "",
      readOnly: off,
      onChange: ({ currentTarget: { value: typed } }) => update({ video_duration: typed ? Number(typed) : undefined }),
    }),
    // For the tier group's element (a fieldset or radiogroup); each radio has getTierProps.
    tier: () => ({ "aria-describedby": tierDescribedBy }),
    keep_audio: () => ({
      ...describe("keep_audio", context.silent && ids.audioHint),
      type: "checkbox",
      // A clip without sound has none to keep.
      checked: values.keep_audio && !context.silent,
      disabled: context.silent || off,
      onChange: (event) => update({ keep_audio: (event.currentTarget as HTMLInputElement).checked }),
    }),
    // The control of the images field is the URL being typed: Enter adds it instead of submitting.
    image_urls: () => ({
      ...describe("image_urls", ids.imagesCount),
      type: "url",
      inputMode: "url",
      value: images.draft,
      disabled: images.full || undefined,
      readOnly: off,
      onChange: (event) => images.setDraft(event.currentTarget.value),
      onKeyDown: (event: KeyboardEvent<FieldElement>) => {
        if (event.key === "Enter") {
          event.preventDefault();
          images.addDraft();
        }
      },
    }),
  };

  return {
    getFieldProps: (field, props) => mergeProps(fieldProps[field]() as VideoEditFieldProps, props),
    getTierProps: (tier, props) =>
      mergeProps<InputProps>(
        {
          ...tierOption(tier),
          type: "radio",
          name: tierName,
          checked: values.tier === tier,
          onChange: () => update({ tier }),
        },
        props,
      ),
    getTierGroupProps: (props) =>
      mergeProps<TierGroupProps>(
        {
          name: tierName,
          value: values.tier,
          // A toggle group sends "" when its pressed item is pressed again: the tier stays.
          onValueChange: (value) => TIERS.includes(value as KlingTier) && update({ tier: value as KlingTier }),
          disabled: off,
          "aria-label": context.labels.tier,
          "aria-invalid": tierInvalid || undefined,
          "aria-describedby": tierDescribedBy,
        },
        props,
      ),
    getTierOptionProps: (tier, props) => mergeProps<TierOptionProps>(tierOption(tier), props),
  };
}
