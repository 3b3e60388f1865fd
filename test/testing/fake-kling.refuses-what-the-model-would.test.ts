// The simulated upstream refuses what the model would, by the limits it is given: a length out
// of range (400, the field named) and a container the model does not take (422); nothing is
// charged for either.
import { describe, expect, it } from "vitest";
import { createFakeKling, PIXELDOJO_API_URL } from "../../src/testing";

const submit = (fake: ReturnType<typeof createFakeKling>, body: Record<string, unknown>) =>
  fake.fetch(`${PIXELDOJO_API_URL}/models/kling-video-edit/run`, {
    method: "POST",
    headers: { authorization: "Bearer test-key", "content-type": "application/json" },
    body: JSON.stringify({
      prompt: "Make it snow",
      video_url: "https://cdn.example.com/clip.mp4",
      video_duration: 5,
      ...body,
    }),
  });

describe("the fake upstream refuses what the model would", () => {
  it("a length outside the limits it was given", async () => {
    const fake = createFakeKling({ limits: { minDurationSeconds: 3, maxDurationSeconds: 10 } });
    const answer = await submit(fake, { video_duration: 30 });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ fieldErrors: { video_duration: { code: "out_of_range" } } });
    const wider = createFakeKling({ limits: { maxDurationSeconds: 30 } });
    expect((await submit(wider, { video_duration: 30 })).status).toBe(202);
    expect(fake.jobs).toHaveLength(0);
    expect(fake.credits).toBe(1000);
  });

  it("a container the model does not take, as the URL names it", async () => {
    const fake = createFakeKling();
    const answer = await submit(fake, { video_url: "https://cdn.example.com/screen.webm" });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toEqual({
      error: "The video must be MP4 or MOV; this one is WEBM.",
      fieldErrors: { video_url: { code: "invalid_type", message: "The video must be MP4 or MOV; this one is WEBM." } },
    });
    // A URL without an extension (an upload's key) or of an accepted container goes through.
    expect((await submit(fake, { video_url: "https://storage.example.com/kling-uploads/3f2a" })).status).toBe(202);
    expect((await submit(fake, { video_url: "https://cdn.example.com/phone.MOV?token=1" })).status).toBe(202);
    expect(fake.jobs).toHaveLength(2);
  });
});
