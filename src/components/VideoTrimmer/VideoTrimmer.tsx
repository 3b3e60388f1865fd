import { forwardRef, type HTMLAttributes, type VideoHTMLAttributes } from "react";
import { cx } from "../shared";
import { useClipTrim, type UseClipTrimOptions } from "./useClipTrim";

/** The options of `useClipTrim`, and the native props of the root `<div>`. */
export interface VideoTrimmerProps
  extends UseClipTrimOptions, Omit<HTMLAttributes<HTMLDivElement>, "defaultValue" | "onChange"> {
  /** Shows the looping preview of the selection above the strip. Default true. */
  preview?: boolean;
  /** Native props of the preview's `<video>`: `poster`, `crossOrigin`… */
  videoProps?: VideoHTMLAttributes<HTMLVideoElement>;
}

// `@__PURE__`: bundlers keep an unmarked top-level forwardRef call, and the component with it,
// in apps that never render it.
/**
 * Pick the part of a clip to keep: a looping preview of the selection, a strip of frames with
 * the window on it, two handles (`role="slider"`) and the window itself, by pointer, touch or
 * keyboard. Markup over `useClipTrim`, with the default classes of `styles.css`.
 */
export const VideoTrimmer = /* @__PURE__ */ forwardRef<HTMLDivElement, VideoTrimmerProps>(
  function VideoTrimmer(props, ref) {
    const {
      file,
      info,
      limits,
      value,
      defaultValue,
      onValueChange,
      onValueCommit,
      step,
      largeStep,
      frameCount,
      disabled,
      labels: labelOverrides,
      preview = true,
      videoProps,
      className,
      ...rest
    } = props;
    const trim = useClipTrim({
      file,
      info,
      limits,
      value,
      defaultValue,
      onValueChange,
      onValueCommit,
      step,
      largeStep,
      frameCount,
      disabled,
      labels: labelOverrides,
    });
    const { labels, bounds } = trim;

    return (
      <div {...trim.getRootProps({ ...rest, ref })} className={cx("kling-root kling-trimmer", className)}>
        {preview && (
          <div className="kling-trimmer__stage">
            <video className="kling-trimmer__preview" {...trim.getPreviewProps(videoProps)} />
            <button className="kling-button kling-trimmer__play" {...trim.getPlayProps()}>
              {trim.playing ? labels.pause : labels.play}
            </button>
          </div>
        )}
        <div className="kling-trimmer__track" {...trim.getTrackProps()}>
          <div className="kling-trimmer__frames" aria-hidden="true">
            {trim.frames.map((frame, i) => (
              <span key={i} className="kling-trimmer__frame" data-state={frame.src ? "ready" : "loading"}>
                {frame.src && <img src={frame.src} alt="" draggable={false} />}
              </span>
            ))}
          </div>
          <div className="kling-trimmer__handle" {...trim.getHandleProps("start")} />
          <div className="kling-trimmer__window" {...trim.getWindowProps()} />
          <div className="kling-trimmer__handle" {...trim.getHandleProps("end")} />
        </div>
        <p className="kling-trimmer__summary" data-state={trim.state} data-trim={trim.state}>
          {trim.state === "loading"
            ? labels.loading
            : trim.state === "too-short"
              ? labels.tooShort(bounds!.duration, trim.limits.minDurationSeconds, labels)
              : labels.summary(trim.length, bounds!.duration, labels)}
        </p>
      </div>
    );
  },
);
