import { describe, expect, it, vi } from "vitest";
import { createCompareMedia, mediaStateOf } from "../../../src/components/VideoCompare/media-store";

function video({ readyState = 0, seeking = false, paused = true, error = null as MediaError | null } = {}) {
  const element = document.createElement("video");
  const state = { readyState, seeking, paused, error };
  for (const key of Object.keys(state) as Array<keyof typeof state>)
    Object.defineProperty(element, key, { get: () => state[key], configurable: true });
  return { element, state };
}

describe("the compare media store", () => {
  it("reads a pane as loading until it has a frame, and keeps it ready through a seek", () => {
    expect(mediaStateOf(null)).toBe("loading");
    expect(mediaStateOf(video({ readyState: 1 }).element)).toBe("loading");
    expect(mediaStateOf(video({ readyState: 2 }).element)).toBe("ready");
    expect(mediaStateOf(video({ readyState: 1, seeking: true }).element)).toBe("ready");
    expect(mediaStateOf(video({ readyState: 4, error: {} as MediaError }).element)).toBe("error");
  });

  it("reads again on the events after which a seek lands, and keeps one snapshot while nothing changes", () => {
    const store = createCompareMedia();
    const listener = vi.fn();
    store.subscribe(listener);
    const original = video({ readyState: 4 });
    const edited = video({ readyState: 4 });
    store.refs.before(original.element);
    store.refs.after(edited.element);
    expect(store.getSnapshot()).toMatchObject({ before: "ready", after: "ready", playing: false });
    // Paused during the original's corrective seek, which drops its readyState to nothing…
    Object.assign(original.state, { readyState: 0, seeking: false });
    original.element.dispatchEvent(new Event("pause"));
    expect(store.getSnapshot().before).toBe("loading");
    // …and the seek lands.
    original.state.readyState = 4;
    original.element.dispatchEvent(new Event("seeked"));
    expect(store.getSnapshot().before).toBe("ready");
    const snapshot = store.getSnapshot();
    const calls = listener.mock.calls.length;
    original.element.dispatchEvent(new Event("canplay"));
    expect(store.getSnapshot()).toBe(snapshot);
    expect(listener).toHaveBeenCalledTimes(calls);
  });

  it("lets go of a replaced element and tells time listeners of the edited video only", () => {
    const store = createCompareMedia();
    const onTime = vi.fn();
    store.subscribeTime(onTime);
    const first = video({ readyState: 4 });
    store.refs.after(first.element);
    const second = video({ readyState: 0 });
    store.refs.after(second.element);
    expect(store.getSnapshot().afterVideo).toBe(second.element);
    onTime.mockClear();
    first.element.dispatchEvent(new Event("timeupdate"));
    expect(onTime).not.toHaveBeenCalled();
    second.element.dispatchEvent(new Event("timeupdate"));
    expect(onTime).toHaveBeenCalledTimes(1);
    const original = video({ readyState: 4 });
    store.refs.before(original.element);
    onTime.mockClear();
    original.element.dispatchEvent(new Event("timeupdate"));
    expect(onTime).not.toHaveBeenCalled();
  });
});
