import { describe, expect, test } from "vitest";
import { createMemoryStore } from "../../../src/server";
import { createStreamHub } from "../../../src/server/push/hub";
import { jobRecord } from "../store/store-contract";

describe("the stream hub", () => {
  test("a listener that throws costs the job's other listeners nothing, and is reported", async () => {
    const errors: unknown[] = [];
    const hub = createStreamHub(createMemoryStore(), 15_000, (error) => errors.push(error));
    const record = jobRecord();
    const heard: number[] = [];
    const offThrowing = await hub.listen(record.jobId, () => {
      throw new Error("a broken stream");
    });
    const offHearing = await hub.listen(record.jobId, (update) => heard.push(update!.version));
    await hub.publish(record);
    expect(heard).toEqual([record.version]);
    expect(errors).toEqual([expect.objectContaining({ message: "a broken stream" })]);
    offThrowing();
    offHearing();
    expect(hub.listeners).toBe(0);
  });
});
