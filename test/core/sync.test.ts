import { describe, expect, it } from "vitest";
import { decideSync, SYNC_MAX_NUDGE, SYNC_SEEK_THRESHOLD, type SyncInput } from "../../src/core/sync";

const frame = 1 / 24;
const playing = (leaderTime: number, followerTime: number, extra: Partial<SyncInput> = {}): SyncInput => ({
  leaderTime,
  followerTime,
  leaderRate: 1,
  frameDuration: frame,
  paused: false,
  followerDuration: 4,
  ...extra,
});

describe("decideSync", () => {
  it("does nothing while the follower is within one frame", () => {
    expect(decideSync(playing(2, 2))).toEqual({ action: "none" });
    expect(decideSync(playing(2, 2 - frame * 0.9))).toEqual({ action: "none" });
    expect(decideSync(playing(2, 2 + frame * 0.9))).toEqual({ action: "none" });
  });

  it("speeds a follower that is behind up, in proportion to the drift", () => {
    const small = decideSync(playing(2, 2 - 0.02 - frame));
    const larger = decideSync(playing(2, 2 - 0.2));
    expect(small).toMatchObject({ action: "nudge" });
    expect(larger).toEqual({ action: "nudge", rate: 1 + SYNC_MAX_NUDGE });
    if (small.action !== "nudge") throw new Error("expected a nudge");
    expect(small.rate).toBeGreaterThan(1);
    expect(small.rate).toBeLessThan(1 + SYNC_MAX_NUDGE);
  });

  it("slows a follower that is ahead down, never below 0.95", () => {
    expect(decideSync(playing(2, 2.2))).toEqual({ action: "nudge", rate: 1 - SYNC_MAX_NUDGE });
  });

  it("scales the nudge with the leader's playback rate", () => {
    expect(decideSync(playing(2, 1.8, { leaderRate: 2 }))).toEqual({ action: "nudge", rate: 2 * (1 + SYNC_MAX_NUDGE) });
  });

  it("keeps nudging until the drift is under a quarter frame (no flapping at the threshold)", () => {
    const drift = frame / 2;
    expect(decideSync(playing(2, 2 - drift))).toEqual({ action: "none" });
    expect(decideSync(playing(2, 2 - drift, { nudging: true }))).toMatchObject({ action: "nudge" });
    expect(decideSync(playing(2, 2 - frame / 5, { nudging: true }))).toEqual({ action: "none" });
  });

  it("seeks when the drift is large", () => {
    expect(decideSync(playing(2, 2 - SYNC_SEEK_THRESHOLD - 0.01))).toEqual({ action: "seek", time: 2 });
    expect(decideSync(playing(2, 2.5))).toEqual({ action: "seek", time: 2 });
    expect(decideSync(playing(2, 2.15, { seekThreshold: 0.1 }))).toEqual({ action: "seek", time: 2 });
  });

  it("seeks to the exact frame when paused, however small the drift", () => {
    expect(decideSync(playing(1.5, 1.52, { paused: true }))).toEqual({ action: "seek", time: 1.5 });
    expect(decideSync(playing(1.5, 1.5, { paused: true }))).toEqual({ action: "none" });
  });

  it("seeks a follower still at its end when the looping leader wrapped to the start", () => {
    expect(decideSync(playing(0.02, 3.99))).toEqual({ action: "seek", time: 0.02 });
  });

  it("measures drift around the loop when both videos loop with the same length", () => {
    expect(decideSync(playing(0.02, 3.99, { period: 4 }))).toEqual({ action: "none" });
    expect(decideSync(playing(3.99, 0.01, { period: 4 }))).toEqual({ action: "none" });
    expect(decideSync(playing(0.05, 3.9, { period: 4 }))).toMatchObject({ action: "nudge" });
    expect(decideSync(playing(2, 1, { period: 4 }))).toEqual({ action: "seek", time: 2 });
  });

  it("holds a shorter follower on its last frame while the leader plays on", () => {
    expect(decideSync(playing(2.5, 2, { followerDuration: 2 }))).toEqual({ action: "hold", time: 2 });
    expect(decideSync(playing(2, 1.99, { followerDuration: 2 }))).toEqual({ action: "hold", time: 2 });
    expect(decideSync(playing(3, 2, { followerDuration: 2, paused: true }))).toEqual({ action: "hold", time: 2 });
  });

  it("treats an unknown follower length as unlimited", () => {
    expect(decideSync(playing(9, 9, { followerDuration: Number.NaN }))).toEqual({ action: "none" });
    expect(decideSync(playing(9, 9, { followerDuration: undefined }))).toEqual({ action: "none" });
  });
});
