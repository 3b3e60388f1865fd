import { TIERS, useVideoEditForm, type EditField, type KlingError, type NormalizedEditInput } from "react-kling-edit";
import { Button } from "@/components/ui/button";
import { FieldText, Input, Label, Textarea } from "@/components/ui/input";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";

interface EditFormProps {
  onSubmit: (input: NormalizedEditInput) => unknown;
  busy: boolean;
  error?: KlingError;
}

type Form = ReturnType<typeof useVideoEditForm>;

/** A field's message under it, with the id its input's aria-describedby names. */
function Message({ form, field }: { form: Form; field: EditField }) {
  const message = form.messageOf(field);
  return message ? (
    <FieldText id={form.ids.message(field)} error>
      {message}
    </FieldText>
  ) : null;
}

/** The form from useVideoEditForm's getters on shadcn-style inputs, a Radix RadioGroup for the tier. */
export function EditForm({ onSubmit, busy, error }: EditFormProps) {
  const form = useVideoEditForm({ onSubmit, busy, error });
  const { labels, values, limits, ids } = form;
  const video = form.uploads?.video;
  return (
    <form {...form.getFormProps({ className: "grid gap-5" })}>
      {form.errorMessage && (
        <p id={ids.error} role="alert" className="rounded-md border border-red-700 p-3 text-sm text-red-800">
          {form.errorMessage}
        </p>
      )}
      <div className="grid gap-2">
        <Label {...form.getLabelProps("prompt")}>{labels.prompt}</Label>
        <Textarea {...form.getFieldProps("prompt")} />
        <FieldText id={ids.promptHint}>{labels.promptHint}</FieldText>
        <FieldText id={ids.promptCount}>
          {labels.promptCount(values.prompt.trim().length, limits.maxPromptLength)}
        </FieldText>
        <Message form={form} field="prompt" />
      </div>
      {video && (
        <div
          {...form.getUploadZoneProps("video", {
            className: "grid gap-2 rounded-md border border-dashed border-slate-400 p-4",
          })}
        >
          <Label htmlFor={ids.upload("video")}>{labels.uploadVideo}</Label>
          <input {...form.getUploadInputProps("video", { className: "text-sm" })} />
          {video.percent !== undefined && <FieldText>{labels.uploading(video.percent)}</FieldText>}
          {video.message && (
            <FieldText role="alert" error>
              {video.message}
            </FieldText>
          )}
        </div>
      )}
      <div className="grid gap-2">
        <Label {...form.getLabelProps("video_url")}>{labels.videoUrl}</Label>
        <Input placeholder="https://" {...form.getFieldProps("video_url")} />
        <Message form={form} field="video_url" />
      </div>
      <div className="grid gap-2">
        <Label {...form.getLabelProps("video_duration")}>{labels.duration}</Label>
        <Input {...form.getFieldProps("video_duration")} />
        <FieldText id={ids.durationHint}>{form.durationHint}</FieldText>
        <Message form={form} field="video_duration" />
      </div>
      <div className="grid gap-2">
        <Label id="tier-label" htmlFor={ids.field("tier")}>
          {labels.tier}
        </Label>
        <RadioGroup {...form.getTierGroupProps()} aria-labelledby="tier-label">
          {TIERS.map((tier) => {
            const option = form.getTierOptionProps(tier);
            const id = option.id ?? `tier-${tier}`;
            const credits = form.estimate(tier);
            return (
              <div key={tier} className="flex items-center gap-2">
                <RadioGroupItem {...option} id={id} />
                <Label htmlFor={id}>
                  {tier === "standard" ? labels.tierStandard : labels.tierPro}{" "}
                  <span className="font-normal text-slate-600">
                    · {credits === undefined ? labels.estimateUnknown : labels.estimate(credits)}
                  </span>
                </Label>
              </div>
            );
          })}
        </RadioGroup>
      </div>
      <div className="flex items-center gap-2">
        <input {...form.getFieldProps("keep_audio", { className: "size-4" })} />
        <Label {...form.getLabelProps("keep_audio")}>{labels.keepAudio}</Label>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={!form.canSubmit}>
          {busy ? labels.submitting : labels.submit}
        </Button>
      </div>
    </form>
  );
}
