/* eslint-disable react-hooks/refs -- each part hands its forwarded ref to a prop getter, which merges it into the element's props; nothing reads it during render */
import {
  createContext,
  forwardRef,
  useContext,
  type ButtonHTMLAttributes,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type VideoHTMLAttributes,
} from "react";
import { Slot } from "../Slot";
import type { UseVideoCompareOptions, UseVideoCompareResult, VideoCompareSide } from "./types";
import { useVideoCompare } from "./useVideoCompare";

// The parts: one named export each (no `VideoCompare.Root` dot-notation, which React Server
// Components cannot reach through a client boundary). Each renders one element (or, with
// `asChild`, its one child element: a design system's component), forwards its ref, spreads the
// element's native props and shows its state in data-* attributes; the behaviour is the
// `useVideoCompare` hook's, shared through the root's context.

const CompareContext = /* @__PURE__ */ createContext<UseVideoCompareResult | null>(null);

/** The nearest `VideoCompareRoot`'s state and actions, for controls of your own inside it. */
export function useVideoCompareContext(): UseVideoCompareResult {
  const compare = useContext(CompareContext);
  if (!compare) {
    // The long form for developers; apps' bundlers keep only the short one in production builds.
    throw new Error(
      process.env.NODE_ENV === "production"
        ? "react-kling-edit: no <VideoCompareRoot>"
        : "react-kling-edit: VideoCompare parts go inside a <VideoCompareRoot>.",
    );
  }
  return compare;
}

/** `asChild`: render the one child element with the part's props and behaviour merged in. */
export interface VideoCompareAsChildProps {
  asChild?: boolean;
}
type DivProps = HTMLAttributes<HTMLDivElement> & VideoCompareAsChildProps;
export type VideoCompareRootProps = UseVideoCompareOptions & DivProps;
export type VideoCompareSideProps<A> = A & { side: VideoCompareSide };

// `@__PURE__` on each: bundlers keep an unmarked top-level forwardRef call, and the part with
// it, in apps that never render it.

/** The props of `VideoCompareRoot` that are `useVideoCompare`'s options; the others go to its `<div>`. */
const OPTION_KEYS = [
  "before",
  "after",
  "mode",
  "defaultMode",
  "onModeChange",
  "position",
  "defaultPosition",
  "onPositionChange",
  "onPositionCommit",
  "step",
  "orientation",
  "dir",
  "disabled",
  "externalSlider",
  "audio",
  "defaultAudio",
  "onAudioChange",
  "loop",
  "defaultLoop",
  "onLoopChange",
  "autoPlay",
  "frameRate",
  "labels",
] as const satisfies ReadonlyArray<keyof UseVideoCompareOptions>;
// Every option is in the list (a new one left out would otherwise land on the <div>).
type Unlisted = Exclude<keyof UseVideoCompareOptions, (typeof OPTION_KEYS)[number]>;
const _allListed: [Unlisted] extends [never] ? true : false = true;

/** Runs `useVideoCompare` with its props and renders the root `<div role="group">`. */
export const VideoCompareRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, VideoCompareRootProps>(
  function VideoCompareRoot({ asChild, ...props }, ref) {
    const options = {} as UseVideoCompareOptions;
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props))
      ((OPTION_KEYS as readonly string[]).includes(key) ? (options as unknown as Record<string, unknown>) : rest)[key] =
        value;
    const compare = useVideoCompare(options);
    const Root = asChild ? Slot : "div";
    return (
      <CompareContext.Provider value={compare}>
        <Root {...compare.getRootProps({ ...rest, ref })} />
      </CompareContext.Provider>
    );
  },
);

/** The frame both videos share; the divider is dragged (and the original held) on it. */
export const VideoCompareStage = /* @__PURE__ */ forwardRef<HTMLDivElement, DivProps>(function VideoCompareStage(
  { asChild, ...props },
  ref,
) {
  const Stage = asChild ? Slot : "div";
  return <Stage {...useVideoCompareContext().getStageProps({ ...props, ref })} />;
});

/**
 * One side's box (`data-side`, `data-state`): what the slider clips and the toggle hides. The
 * original sits on top of the edited video (the theme gives it `z-index: 1`): the divider
 * uncovers the edited one, and the toggle hides the original.
 */
export const VideoComparePane = /* @__PURE__ */ forwardRef<HTMLDivElement, VideoCompareSideProps<DivProps>>(
  function VideoComparePane({ side, asChild, ...props }, ref) {
    const Pane = asChild ? Slot : "div";
    return <Pane {...useVideoCompareContext().getPaneProps(side, { ...props, ref })} />;
  },
);

/** One side's `<video>`: add `poster`, `crossOrigin` or `<track>` children as on any video. */
export const VideoCompareVideo = /* @__PURE__ */ forwardRef<
  HTMLVideoElement,
  VideoCompareSideProps<VideoHTMLAttributes<HTMLVideoElement> & VideoCompareAsChildProps>
>(function VideoCompareVideo({ side, asChild, ...props }, ref) {
  const Video = asChild ? Slot : "video";
  return <Video {...useVideoCompareContext().getVideoProps(side, { ...props, ref })} />;
});

/** A side's loading or error message (`role="status"` / `"alert"`); nothing once it is ready. */
export const VideoCompareStatus = /* @__PURE__ */ forwardRef<
  HTMLSpanElement,
  VideoCompareSideProps<HTMLAttributes<HTMLSpanElement> & VideoCompareAsChildProps>
>(function VideoCompareStatus({ side, asChild, ...props }, ref) {
  const { media, labels } = useVideoCompareContext();
  const state = media[side];
  const Status = asChild ? Slot : "span";
  return state === "ready" ? null : (
    <Status role={state === "error" ? "alert" : "status"} data-state={state} {...props} ref={ref}>
      {props.children ?? labels[state]}
    </Status>
  );
});

/** The divider, a `role="slider"` (hidden outside slider mode; only drawn with `externalSlider`). */
export const VideoCompareDivider = /* @__PURE__ */ forwardRef<HTMLDivElement, DivProps>(function VideoCompareDivider(
  { asChild, ...props },
  ref,
) {
  const Divider = asChild ? Slot : "div";
  return <Divider {...useVideoCompareContext().getDividerProps({ ...props, ref })} />;
});

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & VideoCompareAsChildProps;

/** Press and hold to see the original (toggle mode), by pointer, Space or Enter. */
export const VideoCompareHold = /* @__PURE__ */ forwardRef<HTMLButtonElement, ButtonProps>(function VideoCompareHold(
  { asChild, ...props },
  ref,
) {
  const compare = useVideoCompareContext();
  const Hold = asChild ? Slot : "button";
  return <Hold {...compare.getHoldProps({ children: compare.labels.hold, ...props, ref })} />;
});

/**
 * Play / pause of both videos (`data-playback` = `playing | paused`). The button also carries
 * `data-state` with the same value, for 0.2's styles; with `asChild` it is left to the child
 * (a design system's toggle keeps its own `data-state`).
 */
export const VideoComparePlay = /* @__PURE__ */ forwardRef<HTMLButtonElement, ButtonProps>(function VideoComparePlay(
  { asChild, ...props },
  ref,
) {
  const compare = useVideoCompareContext();
  const { "data-state": legacy, ...playProps } = compare.getPlayProps({
    children: compare.playing ? compare.labels.pause : compare.labels.play,
    ...props,
    ref,
  }) as ButtonProps & { "data-state"?: string };
  const Play = asChild ? Slot : "button";
  return <Play {...(asChild ? playProps : { ...playProps, "data-state": legacy })} />;
});

/** The seek bar, an `<input type="range">` kept at the edited video's time without renders. */
export const VideoCompareSeek = /* @__PURE__ */ forwardRef<
  HTMLInputElement,
  InputHTMLAttributes<HTMLInputElement> & VideoCompareAsChildProps
>(function VideoCompareSeek({ asChild, ...props }, ref) {
  const Seek = asChild ? Slot : "input";
  return <Seek {...useVideoCompareContext().getSeekProps({ ...props, ref })} />;
});

/** Elapsed and total time of the edited video, written without renders. */
export const VideoCompareTime = /* @__PURE__ */ forwardRef<
  HTMLSpanElement,
  HTMLAttributes<HTMLSpanElement> & VideoCompareAsChildProps
>(function VideoCompareTime({ asChild, ...props }, ref) {
  const Time = asChild ? Slot : "span";
  return <Time {...useVideoCompareContext().getTimeProps({ ...props, ref })} />;
});
