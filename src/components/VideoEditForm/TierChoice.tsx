import type { Ref } from "react";
import { TIERS, type PricingFunction } from "../../core/limits";
import type { KlingTier } from "../../core/types";
import { FieldMessage } from "./Field";
import type { VideoEditFormLabels } from "./labels";

export interface TierChoiceProps {
  name: string;
  value: KlingTier;
  onChange: (tier: KlingTier) => void;
  /** The length the estimate is for; no estimate without one. */
  duration?: number;
  pricing: PricingFunction;
  message?: string;
  messageId: string;
  inputRef: Ref<HTMLInputElement>;
  labels: VideoEditFormLabels;
}

/** Standard or pro: what each renders and what it is estimated to cost, labelled as an estimate. */
export function TierChoice({ name, value, onChange, duration, pricing, message, messageId, inputRef, labels }: TierChoiceProps) {
  const text: Record<KlingTier, [string, string]> = {
    standard: [labels.tierStandard, labels.tierStandardHint],
    pro: [labels.tierPro, labels.tierProHint],
  };
  const known = typeof duration === "number" && Number.isFinite(duration) && duration > 0;
  return (
    <fieldset className="kling-form__field kling-form__tiers" aria-describedby={message ? messageId : undefined}>
      <legend className="kling-form__label">{labels.tier}</legend>
      <div className="kling-form__row">
        {TIERS.map((tier, i) => (
          <label key={tier} className="kling-form__choice" data-checked={value === tier || undefined}>
            <input
              ref={i === 0 ? inputRef : undefined}
              type="radio"
              name={name}
              value={tier}
              checked={value === tier}
              onChange={() => onChange(tier)}
            />
            <span className="kling-form__choice-name">{text[tier][0]}</span>
            <span className="kling-form__hint">
              {text[tier][1]}
              {" · "}
              {known ? labels.estimate(pricing({ video_duration: duration, tier })) : labels.estimateUnknown}
            </span>
          </label>
        ))}
      </div>
      <FieldMessage id={messageId} message={message} />
    </fieldset>
  );
}
