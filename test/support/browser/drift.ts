/**
 * Absolute time difference (s) between the two videos at every frame the leader presents
 * (requestVideoFrameCallback, the same clock the sync hook corrects on; registered after the
 * hook's, so each sample sees that frame's correction). rAF where rVFC is missing.
 */
export async function sampleDrift(leader: HTMLVideoElement, follower: HTMLVideoElement, ms: number) {
  const samples: number[] = [];
  const end = performance.now() + ms;
  const nextFrame = () =>
    new Promise<void>((resolve) => {
      if ("requestVideoFrameCallback" in leader) leader.requestVideoFrameCallback(() => resolve());
      else requestAnimationFrame(() => resolve());
    });
  while (performance.now() < end) {
    await nextFrame();
    samples.push(Math.abs(leader.currentTime - follower.currentTime));
  }
  return samples;
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const worst = sorted[sorted.length - 1] ?? Number.NaN;
  return { median, worst, count: samples.length };
}

export const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;
