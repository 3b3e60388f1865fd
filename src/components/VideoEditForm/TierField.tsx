import { TIERS } from "../../core/limits";
import { Field } from "./Field";
import { tierLabel } from "./labels";
import type { UseVideoEditFormResult as Form } from "./types";

/** The tiers as radio choices, each with its hint and the estimated credits of the edit. */
export function TierField({ form }: { form: Form }) {
  const { labels, values } = form;
  return (
    <Field form={form} name="tier" label={labels.tier} group="kling-form__tiers">
      <div className="kling-form__row">
        {TIERS.map((tier) => {
          const [name, hint] = tierLabel(tier, labels);
          const credits = form.estimate(tier);
          return (
            <label key={tier} className="kling-form__choice" data-checked={values.tier === tier || undefined}>
              <input {...form.getTierProps(tier)} />
              <span className="kling-form__choice-name">{name}</span>
              <span className="kling-form__hint">
                {hint}
                {" · "}
                {credits === undefined ? labels.estimateUnknown : labels.estimate(credits)}
              </span>
            </label>
          );
        })}
      </div>
    </Field>
  );
}
