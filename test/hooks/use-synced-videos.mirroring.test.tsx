import { render } from "@testing-library/react";
import { useRef } from "react";
import { beforeEach, expect, it, vi } from "vitest";
import { useSyncedVideos } from "../../src/hooks/useSyncedVideos";
import { stubMediaPlayback } from "../components/VideoCompare/media";

function Pair() {
  const leader = useRef<HTMLVideoElement>(null);
  const follower = useRef<HTMLVideoElement>(null);
  useSyncedVideos(leader, follower);
  return (
    <>
      <video ref={leader} data-testid="leader" />
      <video ref={follower} data-testid="follower" />
    </>
  );
}

// jsdom media elements keep currentTime but never fire events: the tests fire what a browser would.
const setup = () => {
  const view = render(<Pair />);
  const [leader, follower] = [...view.container.querySelectorAll("video")] as [HTMLVideoElement, HTMLVideoElement];
  const seek = (video: HTMLVideoElement, time: number) => {
    video.currentTime = time;
    video.dispatchEvent(new Event("seeking"));
  };
  return { ...view, leader, follower, seek };
};

let media: ReturnType<typeof stubMediaPlayback>;
beforeEach(() => {
  media = stubMediaPlayback();
});

it("mirrors play and pause both ways without echo", async () => {
  const { leader, follower } = setup();
  await leader.play();
  expect(follower.paused).toBe(false);
  follower.pause();
  expect(leader.paused).toBe(true);
  // One call per element each way: neither mirrored call bounced back.
  expect(media.play).toHaveBeenCalledTimes(2);
  expect(media.pause).toHaveBeenCalledTimes(2);
});

it("mirrors the leader's seeks and rate, and a user's seek on the follower back, but not its own seeks", () => {
  const { leader, follower, seek } = setup();
  seek(leader, 2);
  expect(follower.currentTime).toBe(2);
  // The follower's own "seeking" event for that seek is recognised and not sent back.
  leader.currentTime = 2.5;
  follower.dispatchEvent(new Event("seeking"));
  expect(leader.currentTime).toBe(2.5);
  // A seek the user made on the follower (media keys act on the audible video) reaches the leader.
  seek(follower, 1);
  expect(leader.currentTime).toBe(1);
  leader.playbackRate = 1.5;
  leader.dispatchEvent(new Event("ratechange"));
  expect(follower.playbackRate).toBe(1.5);
});

it("stops its frame loop and listeners on unmount", async () => {
  const cancel = vi.spyOn(window, "cancelAnimationFrame");
  const { leader, follower, unmount } = setup();
  unmount();
  expect(cancel).toHaveBeenCalled();
  await leader.play();
  expect(follower.paused).toBe(true);
});
