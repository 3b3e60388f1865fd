import { forwardRef, type VideoHTMLAttributes } from "react";
import { cx } from "../shared";
import type { VideoCompareAudio } from "./labels";
import type { VideoCompareSide } from "./types";
import {
  useVideoCompareContext,
  VideoCompareDivider,
  VideoCompareHold,
  VideoComparePane,
  VideoComparePlay,
  VideoCompareRoot,
  VideoCompareSeek,
  VideoCompareStage,
  VideoCompareStatus,
  VideoCompareTime,
  VideoCompareVideo,
  type VideoCompareRootProps,
} from "./parts";

export interface VideoCompareProps extends VideoCompareRootProps {
  /** Where "Download" points; defaults to `after`; `null` shows no download link. Cross-origin URLs open instead of saving. */
  downloadUrl?: string | null;
  downloadFileName?: string;
  /** Native props for each side's `<video>`: `poster`, `crossOrigin`, `<track>` children… */
  videoProps?: Partial<Record<VideoCompareSide, VideoHTMLAttributes<HTMLVideoElement>>>;
}

const RATES = [0.5, 1, 1.5, 2];
const MODES = [
  ["slider", "modeSlider"],
  ["side-by-side", "modeSideBySide"],
  ["toggle", "modeToggle"],
] as const;
const AUDIO = [
  ["after", "after"],
  ["before", "before"],
  ["off", "audioOff"],
] as const;
const SIDES = ["before", "after"] as const;

function Caption({ side }: { side: VideoCompareSide }) {
  return <span className="kling-compare-caption">{useVideoCompareContext().labels[side]}</span>;
}

/** One set of controls; they act on the edited video only and the sync mirrors them. */
function Controls({ downloadUrl, downloadFileName }: { downloadUrl: string | null; downloadFileName?: string }) {
  const { labels, mode, setMode, loop, setLoop, audio, setAudio, setRate } = useVideoCompareContext();
  return (
    <div className="kling-compare-controls" role="group" aria-label={labels.controls}>
      <VideoComparePlay className="kling-compare-play" />
      <VideoCompareSeek className="kling-compare-seek" />
      <VideoCompareTime className="kling-compare-time" />
      <select
        className="kling-compare-rate"
        aria-label={labels.rate}
        defaultValue="1"
        onChange={(event) => setRate(+event.currentTarget.value)}
      >
        {RATES.map((rate) => (
          <option key={rate} value={rate}>{`${rate}×`}</option>
        ))}
      </select>
      <button type="button" className="kling-compare-loop" aria-pressed={loop} onClick={() => setLoop(!loop)}>
        {labels.loop}
      </button>
      <select
        className="kling-compare-audio"
        aria-label={labels.audio}
        value={audio}
        onChange={(event) => setAudio(event.currentTarget.value as VideoCompareAudio)}
      >
        {AUDIO.map(([value, label]) => (
          <option key={value} value={value}>
            {labels[label]}
          </option>
        ))}
      </select>
      <div className="kling-compare-modes" role="group" aria-label={labels.mode}>
        {MODES.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={mode === value} onClick={() => setMode(value)}>
            {labels[label]}
          </button>
        ))}
      </div>
      {mode === "toggle" && <VideoCompareHold className="kling-compare-hold" />}
      {downloadUrl !== null && (
        <a className="kling-compare-download" href={downloadUrl} download={downloadFileName ?? ""}>
          {labels.download}
        </a>
      )}
    </div>
  );
}

// `@__PURE__`: bundlers keep an unmarked top-level forwardRef call, and the component with it,
// in apps that never render it.
/**
 * Before/after comparison of two videos that play as one (slider, side by side or toggle): the
 * parts, assembled with the default classes of `styles.css`. Moving the divider renders nothing.
 */
export const VideoCompare = /* @__PURE__ */ forwardRef<HTMLDivElement, VideoCompareProps>(
  function VideoCompare(props, ref) {
    const { downloadUrl = props.after, downloadFileName, videoProps, className, ...root } = props;
    return (
      <VideoCompareRoot ref={ref} className={cx("kling-root kling-compare", className)} {...root}>
        <VideoCompareStage className="kling-compare-stage">
          {SIDES.map((side) => (
            <VideoComparePane key={side} side={side} className="kling-compare-pane">
              <VideoCompareVideo {...videoProps?.[side]} side={side} className="kling-compare-video" />
              <Caption side={side} />
              <VideoCompareStatus side={side} className="kling-compare-status" />
            </VideoComparePane>
          ))}
          <VideoCompareDivider className="kling-compare-divider" />
        </VideoCompareStage>
        <Controls downloadUrl={downloadUrl} downloadFileName={downloadFileName} />
      </VideoCompareRoot>
    );
  },
);
