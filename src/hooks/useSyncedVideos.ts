import { useEffect, type RefObject } from "react";
import { decideSync } from "../core/sync";

export interface UseSyncedVideosOptions {
  /** Frames per second of the videos: drift under one frame is left alone. Default 30. */
  frameRate?: number;
}

/** Seeks closer than this are the same position (seeks land on exact times). */
const SAME_TIME = 0.001;

/**
 * Plays two videos as one. The leader (the edited video) is the one the controls drive; the
 * follower (the original) mirrors its play, pause, seek and rate, and on every frame the leader
 * presents (`requestVideoFrameCallback`, else `requestAnimationFrame`) `decideSync` corrects
 * the follower's drift. The follower never loops by itself: the leader's loop is a seek that
 * the follower mirrors. Play, pause and seek on the follower (media keys act on the audible
 * element) are mirrored back to the leader; the follower's own events that this hook caused are
 * counted and skipped so nothing echoes. Audio (`muted`) is the caller's business.
 */
export function useSyncedVideos(
  leaderRef: RefObject<HTMLVideoElement | null>,
  followerRef: RefObject<HTMLVideoElement | null>,
  { frameRate = 30 }: UseSyncedVideosOptions = {},
): void {
  useEffect(() => {
    const leader = leaderRef.current;
    const follower = followerRef.current;
    if (!leader || !follower) return;
    const frame = 1 / frameRate;
    const frameCallbacks = "requestVideoFrameCallback" in leader;
    // Follower events caused by this hook, not by the user: skipped once each.
    const ours = { pause: 0, seeking: 0 };
    let handle = 0;

    const seekFollower = (time: number) => {
      if (Math.abs(follower.currentTime - time) <= SAME_TIME) return;
      ours.seeking++;
      follower.currentTime = time;
    };
    const setFollowerRate = (rate: number) => {
      if (follower.playbackRate !== rate) follower.playbackRate = rate;
    };
    const correct = () => {
      if (!leader.readyState || !follower.readyState || leader.seeking || follower.seeking) return;
      const decision = decideSync({
        leaderTime: leader.currentTime,
        followerTime: follower.currentTime,
        leaderRate: leader.playbackRate,
        frameDuration: frame,
        paused: leader.paused,
        followerDuration: follower.duration,
        nudging: follower.playbackRate !== leader.playbackRate,
      });
      if (decision.action === "hold") {
        if (!follower.paused) {
          ours.pause++;
          follower.pause();
        }
        return seekFollower(decision.time);
      }
      if (decision.action === "seek") seekFollower(decision.time);
      setFollowerRate(decision.action === "nudge" ? decision.rate : leader.playbackRate);
      // A follower that ended (shorter, or reached its end just before a looping leader wrapped).
      if (!leader.paused && follower.paused) follower.play().catch(() => undefined);
    };
    const tick = () => {
      handle = 0;
      correct();
      if (!leader.paused) schedule();
    };
    const schedule = () => {
      if (handle) return;
      handle = frameCallbacks ? leader.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
    };

    const onLeaderPlay = () => {
      if (follower.paused) follower.play().catch(() => undefined);
      schedule();
    };
    const onLeaderPause = () => {
      if (!follower.paused) follower.pause();
      correct();
    };
    const onLeaderSeeking = () => {
      const end = follower.duration;
      seekFollower(Number.isFinite(end) ? Math.min(leader.currentTime, end) : leader.currentTime);
    };
    const onLeaderRate = () => setFollowerRate(leader.playbackRate);
    const onFollowerPlay = () => {
      if (leader.paused) leader.play().catch(() => undefined);
    };
    const onFollowerPause = () => {
      if (ours.pause) ours.pause--;
      else if (!follower.ended && !leader.paused) leader.pause();
    };
    const onFollowerSeeking = () => {
      if (ours.seeking) ours.seeking--;
      else if (Math.abs(leader.currentTime - follower.currentTime) > SAME_TIME) leader.currentTime = follower.currentTime;
    };

    const listeners: Array<[HTMLVideoElement, string, () => void]> = [
      [leader, "play", onLeaderPlay],
      [leader, "pause", onLeaderPause],
      [leader, "seeking", onLeaderSeeking],
      [leader, "seeked", schedule],
      [leader, "ratechange", onLeaderRate],
      [leader, "loadeddata", schedule],
      [follower, "play", onFollowerPlay],
      [follower, "pause", onFollowerPause],
      [follower, "seeking", onFollowerSeeking],
      [follower, "seeked", schedule],
      [follower, "loadeddata", schedule],
    ];
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
    follower.loop = false;
    schedule();
    return () => {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
      if (frameCallbacks) leader.cancelVideoFrameCallback(handle);
      else cancelAnimationFrame(handle);
    };
  }, [leaderRef, followerRef, frameRate]);
}
