import { useEffect, useState, type RefObject } from "react";
import { decideSync } from "../core/sync";

export interface UseSyncedVideosOptions {
  /** Frames per second of the videos: drift under one frame is left alone. Default 30. */
  frameRate?: number;
}

/** A video element, or a ref to one; `null`/`undefined` while it is not mounted. */
export type SyncedVideo = HTMLVideoElement | null | undefined | RefObject<HTMLVideoElement | null>;

/** Frames to wait for a seek made during playback to start moving before judging it anyway. */
const JUDGE_WITHIN_FRAMES = 30;
/** Upper bound of the learned seek delay (s). */
const MAX_LAG = 0.25;
/** Corrective seeks in a row before falling back to nudging (no seek storms on slow sources). */
const MAX_RESEEKS = 3;

/** Starts a video; a refused or interrupted start is not an error here. @internal */
export const play = (video: HTMLVideoElement) => void video.play().catch(() => undefined);

const elementOf = (video: SyncedVideo) => (video && "current" in video ? video.current : video) ?? undefined;

/**
 * Plays two videos as one. The leader (the edited video) is the one the controls drive; the
 * follower (the original) mirrors its play, pause, seek and rate, and on every frame the leader
 * presents (`requestVideoFrameCallback`, else `requestAnimationFrame`) `decideSync` corrects
 * the follower's drift. A follower of the same length loops with the leader; a shorter one holds
 * its last frame and restarts when the leader wraps. Play, pause and seek on the follower (media
 * keys act on the audible element) are mirrored back to the leader; the follower's events that
 * this hook caused are counted and skipped, so nothing echoes. Audio (`muted`) is the caller's.
 *
 * Takes elements or refs. After every render it looks at which elements are there: a video that
 * mounts, unmounts or is replaced (a new `key`) is picked up, and the old one is let go.
 */
export function useSyncedVideos(
  leader: SyncedVideo,
  follower: SyncedVideo,
  { frameRate = 30 }: UseSyncedVideosOptions = {},
): void {
  const [link] = useState<{
    leader?: HTMLVideoElement;
    follower?: HTMLVideoElement;
    frameRate?: number;
    stop?: () => void;
  }>(() => ({}));
  useEffect(() => {
    const pair = { leader: elementOf(leader), follower: elementOf(follower), frameRate };
    if (pair.leader === link.leader && pair.follower === link.follower && frameRate === link.frameRate) return;
    link.stop?.();
    Object.assign(link, pair, {
      stop: pair.leader && pair.follower && syncVideos(pair.leader, pair.follower, frameRate),
    });
  });
  useEffect(
    () => () => {
      link.stop?.();
      link.leader = link.follower = link.stop = undefined;
    },
    [link],
  );
}

/** Keeps `follower` in step with `leader` until the returned function is called. */
function syncVideos(leader: HTMLVideoElement, follower: HTMLVideoElement, frameRate: number): () => void {
  const frame = 1 / frameRate;
  const frameCallbacks = "requestVideoFrameCallback" in leader;
  // Follower events caused by this hook, not by the user: skipped once each.
  let ourPauses = 0;
  let ourSeeks = 0;
  let handle = 0;
  // A seek (or restart) during playback lands late: the follower needs tens of ms to start
  // again while the leader runs on. Nudging at 5 % would take seconds to absorb that, so each
  // such seek is judged once both move again, and the miss is learned and aimed ahead of.
  let lag = 0; // wall-clock seconds: media time lost is lag × rate
  let landing = -1; // where the seek being judged aimed; -1 when none is
  let waited = 0;
  let reseeks = 0;
  // Once a seek has been seen to land within a frame, seeking is cheap here: the follower is
  // then nudged from half a frame of drift and a stall of more than a frame is fixed by a seek
  // at once rather than by seconds of nudging (which is all a slow source gets).
  let precise = false;

  const seekFollower = (time: number) => {
    if (follower.currentTime !== time) {
      ourSeeks++;
      follower.currentTime = time;
    }
  };
  // A seek or a start is judged once both move: they may start tens of ms apart.
  const judge = (time: number) => {
    landing = time;
    waited = 0;
    return time;
  };
  const aim = (time: number) => seekFollower(judge(time + lag * leader.playbackRate));
  const correct = () => {
    if (!leader.readyState || !follower.readyState || leader.seeking || follower.seeking) return;
    const playing = !leader.paused;
    let seekThreshold = precise ? frame : undefined;
    if (playing && landing >= 0 && !follower.paused) {
      // Judged once both play past the landing point; learned from only if they did.
      const moving = Math.min(leader.currentTime, follower.currentTime) >= landing + frame;
      if (!moving && waited++ < JUDGE_WITHIN_FRAMES) return;
      const miss = leader.currentTime - follower.currentTime;
      if (moving) {
        // Half the miss: one noisy landing must not swing the aim.
        lag = Math.min(MAX_LAG, Math.max(0, lag + miss / leader.playbackRate / 2));
        precise = Math.abs(miss) <= frame;
      }
      landing = -1;
      seekThreshold = reseeks++ < MAX_RESEEKS ? frame : undefined;
    }
    follower.loop = leader.loop && Math.abs(leader.duration - follower.duration) < frame;
    const decision = decideSync({
      leaderTime: leader.currentTime,
      followerTime: follower.currentTime,
      leaderRate: leader.playbackRate,
      frameDuration: precise ? frame / 2 : frame,
      paused: !playing,
      followerDuration: follower.duration,
      nudging: follower.playbackRate !== leader.playbackRate,
      period: follower.loop ? leader.duration : undefined,
      seekThreshold,
    });
    if (decision.action === "hold") {
      if (!follower.paused) {
        ourPauses++;
        follower.pause();
      }
      return seekFollower(decision.time);
    }
    if (decision.action === "seek") {
      if (playing) aim(decision.time);
      else seekFollower(decision.time);
    } else reseeks = 0;
    follower.playbackRate = decision.action === "nudge" ? decision.rate : leader.playbackRate;
    // A shorter follower that held its last frame, now that the leader looped back.
    if (playing && follower.paused) {
      aim(leader.currentTime);
      play(follower);
    }
  };
  const tick = () => {
    handle = 0;
    correct();
    if (!leader.paused) schedule();
  };
  const schedule = () => {
    handle ||= frameCallbacks ? leader.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  };

  const listeners: Array<[HTMLVideoElement, string, () => void]> = [
    [
      leader,
      "play",
      () => {
        judge(leader.currentTime);
        reseeks = 0;
        if (follower.paused) play(follower);
        schedule();
      },
    ],
    [
      leader,
      "pause",
      () => {
        if (!follower.paused) follower.pause();
        correct();
      },
    ],
    // Both seek to the same point; the landing is judged once both play again.
    [
      leader,
      "seeking",
      () => {
        reseeks = 0;
        seekFollower(judge(Math.min(leader.currentTime, follower.duration || Infinity)));
      },
    ],
    [leader, "ratechange", () => (follower.playbackRate = leader.playbackRate)],
    [follower, "play", () => leader.paused && play(leader)],
    [
      follower,
      "pause",
      () => {
        if (ourPauses) ourPauses--;
        // An original that ended (shorter) or failed to load stops alone; the edit plays on.
        else if (!follower.ended && !follower.error && !leader.paused) leader.pause();
      },
    ],
    [follower, "seeking", () => (ourSeeks ? ourSeeks-- : (leader.currentTime = follower.currentTime))],
  ];
  for (const video of [leader, follower]) {
    listeners.push(
      [video, "seeked", schedule],
      [video, "loadeddata", schedule],
      // A new source: what was learned of the old one's seeks no longer holds.
      [video, "emptied", () => void ((lag = reseeks = ourSeeks = ourPauses = 0), (landing = -1), (precise = false))],
    );
  }
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  schedule();
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    if (frameCallbacks) leader.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
  };
}
