// The form's door to the clip engine, loaded (with the clip rule) only when a local clip is
// picked: the form's up-front code holds none of it. The media toolkit itself is a chunk
// further on, which `inspectClip` and `prepareClip` fetch.
import {
  checkClip,
  clipVerdict,
  defaultClipWindow,
  fitClipFps,
  fitClipSize,
  type ClipInfo,
  type ClipIssue,
} from "../../core/clip/check";
import { canPrepareClip, inspectClip, prepareClip, type ClipChange } from "../../core/clip/index";
import type { KlingLimits } from "../../core/limits";
import type { ClipTrimRange } from "../VideoTrimmer/range";

export { prepareClip };

/**
 * What the form does with a clip: upload it as it is, prepare it (after the person chooses a
 * part, when it is too long), refuse it (an issue no preparation fixes), or say that this
 * browser cannot read it.
 */
export type ClipDecision = "fits" | "fixable" | "refused" | "unsupported";

/** What preparation will make of a clip, for the note the form shows before it runs. */
export interface ClipPlanNote {
  changes: ClipChange[];
  width: number;
  height: number;
  fps: number;
}

export interface ClipReading {
  info: ClipInfo;
  issues: ClipIssue[];
  decision: ClipDecision;
  plan: ClipPlanNote;
  /** The window the trimmer opens with, for a clip longer than the limit. */
  window?: ClipTrimRange;
}

/** Inspects a clip and decides what the form does with it. */
export async function readClip(file: Blob, limits: Partial<KlingLimits> | undefined): Promise<ClipReading> {
  const info = await inspectClip(file);
  const issues = checkClip(info, limits);
  const has = (...codes: Array<ClipIssue["code"]>) => issues.some((issue) => codes.includes(issue.code));
  let decision: ClipDecision = clipVerdict(info, limits);
  if (decision === "fixable" && !(await canPrepareClip(info, limits))) decision = "unsupported";

  const size = fitClipSize(info.width, info.height, limits) ?? info;
  const fps = fitClipFps(info.fps, limits);
  const changes: ClipChange[] = [];
  if (has("too_long")) changes.push("trimmed");
  if (has("too_small", "too_large")) changes.push("scaled");
  if (has("fps")) changes.push("fps");
  // A new size or frame rate, another codec, or a file too large: the video is written anew.
  if (changes.some((change) => change !== "trimmed") || has("codec", "file_size")) changes.push("transcoded");
  else if (has("container")) changes.push("remuxed");
  return {
    info,
    issues,
    decision,
    plan: { changes, width: size.width, height: size.height, fps },
    window: has("too_long") ? defaultClipWindow(info, limits) : undefined,
  };
}
