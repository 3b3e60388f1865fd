import { lazy, Suspense } from "react";
import type { VideoTrimmerLabels } from "../VideoTrimmer/labels";
import type { UseVideoEditFormResult } from "./types";

// The trimmer and its frame strip are fetched only when a clip needs a part chosen.
const VideoTrimmer = /* @__PURE__ */ lazy(() =>
  import("../VideoTrimmer/VideoTrimmer").then((module) => ({ default: module.VideoTrimmer })),
);

/**
 * Where a picked clip stands: reading it, the trimmer for a clip that is too long (and the
 * button that prepares the chosen part), what preparation will do or did, its progress and a
 * cancel. Nothing while no clip is picked; why a clip was refused is told in the upload zone.
 */
export function ClipPanel({
  form,
  trimmerLabels,
}: {
  form: UseVideoEditFormResult;
  trimmerLabels?: Partial<VideoTrimmerLabels>;
}) {
  const { clip, labels, limits } = form;
  if (!clip || clip.status === "idle" || clip.status === "refused" || clip.status === "failed") return null;
  const { status, plan, prepared } = clip;
  const note = prepared
    ? labels.clipChanges(prepared.changes, prepared.info, true)
    : plan && status !== "ready"
      ? labels.clipChanges(plan.changes, plan, false)
      : "";
  const said =
    status === "inspecting"
      ? labels.clipReading
      : status === "preparing"
        ? labels.clipPreparing
        : status === "trimming"
          ? labels.clipTrimHint(limits.maxDurationSeconds)
          : "";

  return (
    <div className="kling-form__clip-panel" data-status={status}>
      {clip.trimOptions && (
        <Suspense fallback={<p className="kling-form__hint">{labels.clipReading}</p>}>
          <VideoTrimmer className="kling-form__trimmer" {...clip.trimOptions} labels={trimmerLabels} />
        </Suspense>
      )}
      <p className="kling-form__hint" role="status">
        {[said, note].filter(Boolean).join(" ")}
      </p>
      {status === "preparing" && (
        <span className="kling-form__upload-progress">
          <progress aria-label={labels.clipProgress} max={1} value={clip.fraction ?? 0} />
          <span>{`${clip.percent ?? 0} %`}</span>
          <button type="button" className="kling-button" onClick={clip.cancel}>
            {labels.cancelPreparation}
          </button>
        </span>
      )}
      {status === "trimming" && (
        <div className="kling-form__row">
          <button type="button" className="kling-button kling-button--primary" onClick={() => void clip.prepare()}>
            {labels.usePart}
          </button>
        </div>
      )}
    </div>
  );
}
