import type { KeyboardEvent, RefObject } from "react";
import { holdHandlers } from "./hold";
import type { VideoCompareLabels } from "./labels";

export type VideoCompareMode = "slider" | "side-by-side" | "toggle";
/** Whose soundtrack is heard: the edited video's, the original's, or none. */
export type VideoCompareAudio = "after" | "before" | "off";

const RATES = [0.5, 1, 1.5, 2];

interface ControlsProps {
  labels: VideoCompareLabels;
  leaderRef: RefObject<HTMLVideoElement | null>;
  seekRef: RefObject<HTMLInputElement | null>;
  timeRef: RefObject<HTMLSpanElement | null>;
  holdRef: RefObject<HTMLButtonElement | null>;
  playing: boolean;
  mode: VideoCompareMode;
  onMode: (mode: VideoCompareMode) => void;
  loop: boolean;
  onLoop: (loop: boolean) => void;
  audio: VideoCompareAudio;
  onAudio: (audio: VideoCompareAudio) => void;
  /** Shows (true) or hides the original in toggle mode. */
  onHold: (showing: boolean) => void;
  downloadHref: string;
  downloadFileName: string | undefined;
}

/** One set of controls; they act on the edited video only and the sync hook mirrors them. */
export function Controls({
  labels,
  leaderRef,
  seekRef,
  timeRef,
  holdRef,
  playing,
  mode: currentMode,
  onMode,
  loop,
  onLoop,
  audio,
  onAudio,
  onHold,
  downloadHref,
  downloadFileName,
}: ControlsProps) {
  const leader = () => leaderRef.current;
  const modes: Array<[VideoCompareMode, string]> = [
    ["slider", labels.modeSlider],
    ["side-by-side", labels.modeSideBySide],
    ["toggle", labels.modeToggle],
  ];
  const holdKey = (showing: boolean) => (event: KeyboardEvent) => {
    if ((event.key === " " || event.key === "Enter") && !event.repeat) {
      event.preventDefault();
      onHold(showing);
    }
  };

  return (
    <div className="kling-compare-controls" role="group" aria-label={labels.controls}>
      <button
        type="button"
        className="kling-compare-play"
        onClick={() => {
          const video = leader();
          if (video) void (video.paused ? video.play().catch(() => undefined) : video.pause());
        }}
      >
        {playing ? labels.pause : labels.play}
      </button>
      <input
        ref={seekRef}
        className="kling-compare-seek"
        type="range"
        min={0}
        max={0}
        step="any"
        defaultValue={0}
        aria-label={labels.seek}
        onInput={(event) => {
          const video = leader();
          if (video) video.currentTime = Number(event.currentTarget.value);
        }}
      />
      <span ref={timeRef} className="kling-compare-time">
        {labels.time(0, 0)}
      </span>
      <select
        className="kling-compare-rate"
        aria-label={labels.rate}
        defaultValue="1"
        onChange={(event) => {
          const video = leader();
          if (video) video.playbackRate = Number(event.currentTarget.value);
        }}
      >
        {RATES.map((rate) => (
          <option key={rate} value={rate}>{`${rate}×`}</option>
        ))}
      </select>
      <button type="button" className="kling-compare-loop" aria-pressed={loop} onClick={() => onLoop(!loop)}>
        {labels.loop}
      </button>
      <select
        className="kling-compare-audio"
        aria-label={labels.audio}
        value={audio}
        onChange={(event) => onAudio(event.currentTarget.value as VideoCompareAudio)}
      >
        <option value="after">{labels.after}</option>
        <option value="before">{labels.before}</option>
        <option value="off">{labels.audioOff}</option>
      </select>
      <div className="kling-compare-modes" role="group" aria-label={labels.mode}>
        {modes.map(([mode, label]) => (
          <button key={mode} type="button" aria-pressed={currentMode === mode} onClick={() => onMode(mode)}>
            {label}
          </button>
        ))}
      </div>
      {currentMode === "toggle" && (
        <button
          ref={holdRef}
          type="button"
          className="kling-compare-hold"
          aria-pressed={false}
          onKeyDown={holdKey(true)}
          onKeyUp={holdKey(false)}
          onBlur={() => onHold(false)}
          {...holdHandlers(onHold)}
        >
          {labels.hold}
        </button>
      )}
      <a className="kling-compare-download" href={downloadHref} download={downloadFileName ?? ""}>
        {labels.download}
      </a>
    </div>
  );
}
