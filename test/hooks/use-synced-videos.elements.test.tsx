import { render } from "@testing-library/react";
import { useState } from "react";
import { beforeEach, expect, it } from "vitest";
import { useSyncedVideos } from "../../src";
import { stubMediaPlayback } from "../components/VideoCompare/media";

beforeEach(() => void stubMediaPlayback());

/** Videos kept in state (callback refs), the follower mounted, replaced or removed by the test. */
function Pair({ followerKey, showFollower = true }: { followerKey: string; showFollower?: boolean }) {
  const [leader, setLeader] = useState<HTMLVideoElement | null>(null);
  const [follower, setFollower] = useState<HTMLVideoElement | null>(null);
  useSyncedVideos(leader, follower);
  return (
    <>
      <video ref={setLeader} data-testid="leader" />
      {showFollower && <video key={followerKey} ref={setFollower} data-testid={`follower-${followerKey}`} />}
    </>
  );
}

const video = (id: string) => document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`)!;

it("follows a follower that is replaced, and lets the old one go", async () => {
  const { rerender } = render(<Pair followerKey="one" />);
  const first = video("follower-one");
  await video("leader").play();
  expect(first.paused).toBe(false);
  video("leader").pause();

  rerender(<Pair followerKey="two" />);
  const second = video("follower-two");
  expect(second).not.toBe(first);
  await video("leader").play();
  expect(second.paused).toBe(false);
  // The first element is no longer listened to: its pause does not reach the leader.
  first.dispatchEvent(new Event("pause"));
  expect(video("leader").paused).toBe(false);
});

it("stops mirroring while the follower is unmounted and starts again when it mounts", async () => {
  const { rerender } = render(<Pair followerKey="one" showFollower={false} />);
  await video("leader").play();
  video("leader").pause();
  rerender(<Pair followerKey="one" />);
  await video("leader").play();
  expect(video("follower-one").paused).toBe(false);
});
