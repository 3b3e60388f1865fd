import type { KlingEditInput } from "../../core/types";
import type { KlingVideoEditorLabels } from "./labels";

/** What was submitted, read-only: the parts of the form that still mean something while it runs. */
export function EditSummary({ input, labels }: { input: KlingEditInput; labels: KlingVideoEditorLabels }) {
  const images = input.image_urls ?? [];
  return (
    <dl className="kling-editor__summary" aria-label={labels.summary}>
      <div>
        <dt>{labels.summaryPrompt}</dt>
        <dd>{input.prompt}</dd>
      </div>
      <div>
        <dt>{labels.summaryVideo}</dt>
        <dd className="kling-editor__url">{input.video_url}</dd>
      </div>
      <div>
        <dt>{labels.summaryDuration}</dt>
        <dd>{labels.seconds(input.video_duration)}</dd>
      </div>
      <div>
        <dt>{labels.summaryTier}</dt>
        <dd>{labels.tier(input.tier ?? "pro")}</dd>
      </div>
      <div>
        <dt>{labels.summaryAudio}</dt>
        <dd>{labels.keepAudio(input.keep_audio ?? true)}</dd>
      </div>
      {images.length > 0 && (
        <div>
          <dt>{labels.summaryImages}</dt>
          <dd>{images.length}</dd>
        </div>
      )}
    </dl>
  );
}
