import { describe, expect, it } from "vitest";
import { KlingError } from "../../../src/core/errors";
import { afterRead, jobDeadline, stepLoop, type LoopEvent, type LoopState } from "../../../src/server/push/loop";

const timing = { tickMs: 500, maxSleepMs: 30_000 };

/** A fake clock and the loop's one state, driven through its transition only. */
function loop() {
  let now = 1_000_000;
  let state: LoopState = { kind: "idle" };
  const send = (event: LoopEvent) => {
    const step = stepLoop(state, event, timing);
    state = step.state;
    return step;
  };
  return {
    get state() {
      return state;
    },
    advance: (ms: number) => void (now += ms),
    wake: () => send({ type: "wake", now }),
    fire: () => send({ type: "fire" }),
    looked: (next: number | undefined) => send({ type: "looked", now, next }),
    at: (ms: number) => now + ms,
  };
}

describe("the look loop", () => {
  it("idle: a wake plans a look one tick away", () => {
    const l = loop();
    expect(l.wake()).toEqual({ state: { kind: "sleeping", at: l.at(500) }, arm: 500 });
  });

  it("sleeping: a wake while a look is due within a tick changes nothing (cheap on every request)", () => {
    const l = loop();
    l.wake();
    l.advance(200);
    expect(l.wake()).toEqual({ state: { kind: "sleeping", at: l.at(300) } });
  });

  it("sleeping: a wake brings a far look forward to one tick", () => {
    const l = loop();
    l.wake();
    l.fire();
    l.looked(l.at(20_000));
    expect(l.wake()).toEqual({ state: { kind: "sleeping", at: l.at(500) }, arm: 500 });
  });

  it("the timer starts a look; a wake during it brings the next one within a tick", () => {
    const l = loop();
    l.wake();
    expect(l.fire()).toEqual({ state: { kind: "looking", woken: false }, look: true });
    expect(l.wake()).toEqual({ state: { kind: "looking", woken: true } });
    l.advance(100);
    expect(l.looked(l.at(10_000))).toEqual({ state: { kind: "sleeping", at: l.at(500) }, arm: 500 });
  });

  it("after a look: sleeps until the next due work, at least a tick and at most the longest sleep", () => {
    const l = loop();
    l.wake();
    l.fire();
    expect(l.looked(l.at(4_000))).toMatchObject({ arm: 4_000 });
    l.fire();
    expect(l.looked(l.at(10))).toMatchObject({ arm: 500 });
    l.fire();
    expect(l.looked(l.at(120_000))).toMatchObject({ arm: 30_000 });
  });

  it("after a look with nothing queued and no stream: idle, no timer", () => {
    const l = loop();
    l.wake();
    l.fire();
    expect(l.looked(undefined)).toEqual({ state: { kind: "idle" } });
  });

  it("ignores what means nothing in a state: a stray timer, a look ending twice", () => {
    const l = loop();
    expect(l.fire()).toEqual({ state: { kind: "idle" } });
    l.wake();
    expect(l.looked(l.at(1_000))).toEqual({ state: l.state });
    expect(l.state.kind).toBe("sleeping");
  });
});

describe("after one upstream read", () => {
  const settings = { polling: { initialDelayMs: 2_000, intervalMs: 5_000, maxBackoffMs: 30_000, maxWaitMs: 60_000 } };
  const createdAt = 1_000_000;
  const expiresAt = new Date(createdAt + 3_600_000).toISOString();
  const read = { status: "processing", createdAt, expiresAt, failures: 0, failure: undefined };
  const noJitter = () => 0;

  it("an ended job stops its watch", () => {
    expect(afterRead({ ...read, status: "completed" }, createdAt + 5_000, settings)).toEqual({ kind: "ended" });
  });

  it("a running job is read again on the schedule", () => {
    expect(afterRead(read, createdAt + 1_000, settings)).toEqual({ kind: "again", at: createdAt + 2_000, failures: 0 });
    expect(afterRead(read, createdAt + 10_000, settings)).toEqual({
      kind: "again",
      at: createdAt + 15_000,
      failures: 0,
    });
  });

  it("a transient failure backs off and is counted; a success resets the count", () => {
    const failure = new KlingError("network_error");
    const outcome = afterRead({ ...read, failures: 1, failure }, createdAt + 10_000, settings, noJitter);
    expect(outcome).toEqual({ kind: "again", at: createdAt + 10_000 + 5_000, failures: 2 });
    expect(afterRead({ ...read, failures: 2 }, createdAt + 20_000, settings)).toMatchObject({ failures: 0 });
  });

  it("a refusal gives the watch up, saying why", () => {
    const refusal = new KlingError("unauthorized", { status: 401 });
    expect(afterRead({ ...read, failure: refusal }, createdAt + 10_000, settings)).toEqual({
      kind: "give-up",
      refusal,
    });
  });

  it("the last read lands on the deadline, and the watch gives up after it", () => {
    expect(afterRead(read, createdAt + 58_000, settings)).toEqual({
      kind: "again",
      at: createdAt + 60_000,
      failures: 0,
    });
    expect(afterRead(read, createdAt + 60_000, settings)).toEqual({ kind: "give-up" });
  });

  it("shares the browser's deadline rule: an unreadable expiresAt leaves the max wait", () => {
    expect(jobDeadline({ createdAt, expiresAt: "never" }, settings)).toBe(createdAt + 60_000);
    expect(jobDeadline({ createdAt, expiresAt: new Date(createdAt + 30_000).toISOString() }, settings)).toBe(
      createdAt + 30_000,
    );
    expect(afterRead({ ...read, expiresAt: "never" }, createdAt + 60_000, settings)).toEqual({ kind: "give-up" });
  });
});
