import { useEffect, useState, useSyncExternalStore, type SyntheticEvent } from "react";
import { useIsomorphicLayoutEffect } from "../../hooks/isomorphic";
import { play, useSyncedVideos } from "../../hooks/useSyncedVideos";
import { mergeProps, useControllableState, useLabels } from "../shared";
import { DEFAULT_VIDEO_COMPARE_LABELS } from "./labels";
import { createCompareMedia } from "./media-store";
import { useCompareDivider } from "./useCompareDivider";
import { useCompareHold } from "./useCompareHold";
import type {
  UseVideoCompareOptions,
  UseVideoCompareResult,
  VideoCompareElementProps,
  VideoCompareMediaState,
  VideoCompareTimeState,
} from "./types";

export { COMPARE_POSITION_PROPERTY, COMPARE_POSITION_STEP, roundPosition } from "./useCompareDivider";

/** The elements the edited video's time, length and shape are written to, without renders. */
function createTimeView() {
  const elements: { root?: HTMLElement | null; seek?: HTMLInputElement | null; time?: HTMLElement | null } = {};
  return {
    write(video: HTMLVideoElement, { currentTime, duration }: VideoCompareTimeState, text: string) {
      const { seek, time, root } = elements;
      if (seek) {
        seek.max = `${duration}`;
        seek.valueAsNumber = currentTime;
        seek.setAttribute("aria-valuetext", text);
      }
      if (time) time.textContent = text;
      if (video.videoWidth && video.videoHeight)
        root?.style.setProperty("--kling-compare-aspect", `${video.videoWidth / video.videoHeight}`);
    },
    refs: {
      root: (element: HTMLElement | null) => void (elements.root = element),
      seek: (element: HTMLInputElement | null) => void (elements.seek = element),
      time: (element: HTMLElement | null) => void (elements.time = element),
    },
  };
}

/**
 * The behaviour of a before/after comparison of two videos that play as one, without markup:
 * the media read through one external store, the divider (`useCompareDivider`: pointer, touch
 * and keyboard, written to the DOM so that moving it renders nothing), the toggle mode's hold
 * (`useCompareHold`) and the synced playback, as prop getters.
 */
export function useVideoCompare(options: UseVideoCompareOptions): UseVideoCompareResult {
  const { before, after, orientation = "horizontal", dir = "ltr", disabled = false } = options;
  const labels = useLabels(DEFAULT_VIDEO_COMPARE_LABELS, options.labels);
  const [mode, setMode] = useControllableState(options.mode, options.defaultMode ?? "slider", options.onModeChange);
  const [audio, setAudio] = useControllableState(options.audio, options.defaultAudio ?? "after", options.onAudioChange);
  const [loop, setLoop] = useControllableState(options.loop, options.defaultLoop ?? false, options.onLoopChange);
  const [media] = useState(createCompareMedia);
  const [view] = useState(createTimeView);
  const snapshot = useSyncExternalStore(media.subscribe, media.getSnapshot, media.getServerSnapshot);
  const divider = useCompareDivider({ ...options, orientation, dir, labels, active: mode === "slider" });
  const hold = useCompareHold({ disabled });

  // The edited video leads: the controls act on it and show its time; the original follows.
  useSyncedVideos(snapshot.afterVideo, snapshot.beforeVideo, { frameRate: options.frameRate });

  // Audio and looping live on the elements, set before the autoplay effect below runs. (No
  // `muted` prop: React never renders it on the server, so hydration would mismatch.)
  useIsomorphicLayoutEffect(() => {
    const edited = media.video("after");
    const original = media.video("before");
    if (edited) {
      edited.muted = audio !== "after";
      edited.loop = loop;
    }
    if (original) original.muted = audio !== "before";
  });
  useEffect(() => {
    const edited = media.video("after");
    if (options.autoPlay && edited)
      edited.play().catch((error: Error) => {
        if (error.name !== "NotAllowedError") return;
        // Browsers allow autoplay without sound only.
        edited.muted = true;
        setAudio("off");
        play(edited);
      });
    // Once, on mount: later changes of autoPlay do not start or stop playback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The edited video's time, length and shape, written to the DOM on each of its time events
  // (no render per time update). A new source resets its element at once: read it again.
  const { getTime } = media;
  useIsomorphicLayoutEffect(() => {
    const write = () => {
      const edited = media.video("after");
      const time = getTime();
      if (edited?.readyState) view.write(edited, time, labels.time(time.currentTime, time.duration));
    };
    media.read();
    write();
    return media.subscribeTime(write);
  }, [before, after, snapshot.afterVideo, labels.time]);

  const { playing } = snapshot;
  const state: VideoCompareMediaState = [snapshot.before, snapshot.after].includes("error")
    ? "error"
    : [snapshot.before, snapshot.after].includes("loading")
      ? "loading"
      : "ready";
  const togglePlay = () => {
    const video = media.video("after");
    if (video?.paused) play(video);
    else video?.pause();
  };
  const seek = (seconds: number) => {
    const video = media.video("after");
    if (video) video.currentTime = seconds;
  };
  const rootRef = (element: HTMLDivElement | null) => {
    divider.rootRef(element);
    hold.rootRef(element);
    view.refs.root(element);
  };
  const [refs] = useState(() => ({ root: rootRef }));

  return {
    mode,
    setMode,
    orientation,
    dir,
    disabled,
    audio,
    setAudio,
    loop,
    setLoop,
    playing,
    media: { before: snapshot.before, after: snapshot.after },
    state,
    labels,
    getPosition: divider.getPosition,
    setPosition: divider.setPosition,
    togglePlay,
    seek,
    getTime,
    subscribeTime: media.subscribeTime,
    setRate: (rate) => {
      const video = media.video("after");
      if (video) video.playbackRate = rate;
    },
    setHolding: hold.setHolding,
    getRootProps: (props) =>
      mergeProps(
        {
          ref: refs.root,
          role: "group",
          "aria-label": labels.region,
          dir: options.dir,
          "data-mode": mode,
          "data-state": state,
          "data-orientation": orientation,
          "data-disabled": disabled ? "" : undefined,
          style: divider.rootStyle,
        } as VideoCompareElementProps<HTMLDivElement>,
        props,
      ),
    getStageProps: (props) =>
      mergeProps(mode === "slider" ? divider.stagePointer : mode === "toggle" ? hold.stagePointer : {}, props),
    // `data-side` on the pane only: it is what styles place, clip and hide.
    getPaneProps: (side, props) =>
      mergeProps(
        { "data-side": side, "data-state": snapshot[side] } as VideoCompareElementProps<HTMLDivElement>,
        props,
      ),
    getVideoProps: (side, props) =>
      mergeProps({ ref: media.refs[side], src: options[side], playsInline: true, preload: "auto" }, props),
    getDividerProps: divider.getDividerProps,
    getDividerValueProps: divider.getDividerValueProps,
    getHoldProps: hold.getHoldProps,
    getPlayProps: (props) =>
      mergeProps(
        {
          type: "button",
          disabled: disabled || undefined,
          // `data-playback` is the attribute to style on; `data-state` stays for 0.2's styles
          // (the part drops it with `asChild`, where a design system's component owns it).
          "data-playback": playing ? "playing" : "paused",
          "data-state": playing ? "playing" : "paused",
          onClick: togglePlay,
        } as VideoCompareElementProps<HTMLButtonElement>,
        props,
      ),
    getSeekProps: (props) =>
      mergeProps(
        {
          ref: view.refs.seek,
          type: "range",
          min: 0,
          max: 0,
          step: "any",
          defaultValue: 0,
          disabled: disabled || undefined,
          "aria-label": labels.seek,
          onInput: (event: SyntheticEvent<HTMLInputElement>) => seek(+event.currentTarget.value),
        },
        props,
      ),
    getTimeProps: (props) => mergeProps({ ref: view.refs.time, children: labels.time(0, 0) }, props),
  };
}
