/**
 * Keeping two videos in step: a pure decision, taken on every presented frame of the leader
 * (the edited video), about what to do with the follower (the original). No DOM here, so every
 * branch is unit-tested; `useSyncedVideos` applies the decisions to real elements.
 */

export interface SyncInput {
  /** Leader's `currentTime` (seconds). */
  leaderTime: number;
  /** Follower's `currentTime` (seconds). */
  followerTime: number;
  /** The playback rate the user chose (the leader's `playbackRate`). */
  leaderRate: number;
  /** Length of one frame in seconds: drift below it is invisible. */
  frameDuration: number;
  /** The leader is paused: the follower must show the same frame, exactly. */
  paused: boolean;
  /** Follower's length when known; a shorter follower holds its last frame. */
  followerDuration?: number;
  /** The follower runs at a nudged rate now: keep nudging until it is well inside one frame. */
  nudging?: boolean;
  /** Both videos loop with this length: drift is measured around the loop, so a wrap is no jump. */
  period?: number;
  /** Drift from which a seek beats a gentle catch-up (seconds). */
  seekThreshold?: number;
}

export type SyncDecision =
  /** In step: the follower plays at the leader's rate. */
  | { action: "none" }
  /** Small drift: play the follower at `rate` (the leader's rate times 0.95–1.05) to catch up. */
  | { action: "nudge"; rate: number }
  /** Large drift, a loop wrap or a paused leader: jump the follower to `time`. */
  | { action: "seek"; time: number }
  /** The leader is past the follower's end: pause the follower on its last frame at `time`. */
  | { action: "hold"; time: number };

/** Default drift (s) above which the follower seeks instead of changing speed. */
export const SYNC_SEEK_THRESHOLD = 0.3;
/** The follower never plays more than 5 % faster or slower than the leader: inaudible, unseen. */
export const SYNC_MAX_NUDGE = 0.05;
/** The nudge aims to close the drift in about this many seconds (then the 5 % cap applies). */
const CATCH_UP_SECONDS = 2;
/** When paused, times closer than this show the same frame (seek lands on exact times). */
const PAUSED_EPSILON = 0.001;

export function decideSync(input: SyncInput): SyncDecision {
  const { leaderTime, followerDuration, period } = input;
  // A shorter follower: past its end it holds its last frame until the leader loops or seeks back.
  // (An unknown length, undefined or NaN, compares false.)
  if (leaderTime >= followerDuration!) return { action: "hold", time: followerDuration! };

  // Positive drift: the follower is behind. A leader that looped back to 0 while a follower that
  // does not loop is still at its end gives a large negative drift: a seek, never a slow-down.
  // When both loop, one of them wrapping a moment before the other is a small drift.
  let drift = leaderTime - input.followerTime;
  if (period! > 0 && period! < Infinity) drift -= Math.round(drift / period!) * period!;
  const size = Math.abs(drift);

  return size > (input.paused ? PAUSED_EPSILON : (input.seekThreshold ?? SYNC_SEEK_THRESHOLD))
    ? { action: "seek", time: leaderTime }
    : // Hysteresis: start at one frame, stop at a quarter frame, so the rate does not flap.
      input.paused || size <= input.frameDuration / (input.nudging ? 4 : 1)
      ? { action: "none" }
      : {
          action: "nudge",
          rate: input.leaderRate * (1 + Math.max(-SYNC_MAX_NUDGE, Math.min(SYNC_MAX_NUDGE, drift / CATCH_UP_SECONDS))),
        };
}
