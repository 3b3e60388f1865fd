import { Alert, Button, Checkbox, Group, NumberInput, Radio, Stack, Textarea, TextInput } from "@mantine/core";
import { TIERS, useVideoEditForm, type KlingError, type NormalizedEditInput } from "react-kling-edit";

interface EditFormProps {
  onSubmit: (input: NormalizedEditInput) => unknown;
  busy: boolean;
  error?: KlingError;
}

/**
 * The form, with Mantine's inputs. The hook's prop getters give each input its id, name, value
 * and onChange; Mantine writes aria-invalid and aria-describedby itself from `error` and
 * `description`, which take the hook's messages and hints.
 */
export function EditForm({ onSubmit, busy, error }: EditFormProps) {
  const form = useVideoEditForm({ onSubmit, busy, error });
  const { labels, values, limits, images } = form;
  return (
    <form {...form.getFormProps()}>
      <Stack>
        {form.errorMessage && (
          <Alert id={form.ids.error} color="red" role="alert">
            {form.errorMessage}
          </Alert>
        )}
        <Textarea
          {...form.getFieldProps("prompt")}
          label={labels.prompt}
          description={`${labels.promptHint} ${labels.promptCount(values.prompt.trim().length, limits.maxPromptLength)}`}
          error={form.messageOf("prompt")}
          autosize
          minRows={3}
        />
        <TextInput
          {...form.getFieldProps("video_url")}
          label={labels.videoUrl}
          placeholder="https://"
          error={form.messageOf("video_url")}
        />
        {form.previewUrl && <video {...form.getPreviewProps()} controls style={{ maxWidth: 240 }} />}
        <NumberInput
          id={form.ids.field("video_duration")}
          name="video_duration"
          label={labels.duration}
          description={form.durationHint}
          error={form.messageOf("video_duration")}
          min={limits.minDurationSeconds}
          max={limits.maxDurationSeconds}
          step={0.1}
          decimalScale={1}
          value={values.video_duration ?? ""}
          onChange={(value) => form.setValues({ video_duration: typeof value === "number" ? value : undefined })}
        />
        <Radio.Group
          label={labels.tier}
          value={values.tier}
          onChange={(tier) => form.setValues({ tier: tier as (typeof TIERS)[number] })}
        >
          <Group mt="xs">
            {TIERS.map((tier) => {
              const credits = form.estimate(tier);
              return (
                <Radio
                  key={tier}
                  value={tier}
                  label={tier === "standard" ? labels.tierStandard : labels.tierPro}
                  description={`${tier === "standard" ? labels.tierStandardHint : labels.tierProHint} · ${credits === undefined ? labels.estimateUnknown : labels.estimate(credits)}`}
                />
              );
            })}
          </Group>
        </Radio.Group>
        <Checkbox {...form.getFieldProps("keep_audio")} label={labels.keepAudio} />
        <Group align="end">
          <TextInput
            {...form.getFieldProps("image_urls")}
            label={`${labels.images} (${labels.imagesCount(images.urls.length, limits.maxReferenceImages)})`}
            error={form.messageOf("image_urls")}
            style={{ flex: 1 }}
          />
          <Button variant="default" onClick={images.addDraft} disabled={images.full || !images.draft.trim()}>
            {labels.addImage}
          </Button>
        </Group>
        <Group justify="flex-end">
          <Button type="submit" disabled={!form.canSubmit} loading={busy}>
            {busy ? labels.submitting : labels.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
