import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useKlingEdit, type UseKlingEditResult } from "../../src";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../support/kling";

const kling = setupFakeKling({ queueMs: 3_000, processingMs: 60_000 });

describe("renders while polling", () => {
  it("a component on useKlingEdit renders on status changes, not on every poll", async () => {
    installFakeClock();
    kling.use();
    let renders = 0;
    let edit: UseKlingEditResult | undefined;
    function Probe() {
      renders++;
      edit = useKlingEdit({ persist: false });
      return null;
    }
    const Wrapper = wrapper();
    render(
      <Wrapper>
        <Probe />
      </Wrapper>,
    );
    await act(() => edit!.submit(validInput));
    await advance(10_000);
    expect(edit!.status).toBe("processing");
    const before = renders;
    const polls = kling.fake.requests.length;
    await advance(40_000);
    // Eight more polls of a job that stays "processing": nothing new to show.
    expect(kling.fake.requests.length - polls).toBe(8);
    expect(renders).toBe(before);
  });
});
