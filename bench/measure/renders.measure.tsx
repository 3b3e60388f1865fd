import { act, render } from "@testing-library/react";
import { Profiler, type ReactNode } from "react";
import { it } from "vitest";
import { JobProgress, useKlingEdit, VideoEditForm } from "../../src";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../../test/support/kling";
import { record } from "./record";

const kling = setupFakeKling();

/** Render counts by Profiler id, kept outside React. */
const counts: Record<string, number> = {};
const countRender = (id: string) => void (counts[id] = (counts[id] ?? 0) + 1);

function Counted({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Profiler id={id} onRender={countRender}>
      {children}
    </Profiler>
  );
}

/** The composition of the docs: form and progress side by side on one `useKlingEdit`. */
function Editor() {
  const edit = useKlingEdit({ persist: false });
  return (
    <>
      <Counted id="form">
        <VideoEditForm onSubmit={edit.submit} busy={edit.isBusy} error={edit.error} defaultValues={validInput} />
      </Counted>
      <Counted id="progress">
        <JobProgress
          status={edit.status}
          job={edit.job}
          error={edit.error}
          isRetrying={edit.isRetrying}
          submittedAt={edit.submittedAt}
        />
      </Counted>
    </>
  );
}

it("renders while a 2-minute job is polled", { timeout: 60_000 }, async () => {
  installFakeClock();
  kling.use({ queueMs: 5_000, processingMs: 115_000 });
  const Wrapper = wrapper();
  const view = render(
    <Wrapper>
      <Editor />
    </Wrapper>,
  );
  const submit = view.getByRole("button", { name: /start edit/i });
  await act(async () => submit.click());
  await advance(1_000);
  const atStart = { ...counts };
  await advance(60_000);
  const afterMinute = { ...counts };
  await advance(70_000);
  const polls = kling.fake.requests.filter((r) => r.method === "GET").length;
  record("Renders while one 2-minute job is polled (jsdom, simulated clock)", [
    {
      part: "VideoEditForm",
      "renders during the job": (counts.form ?? 0) - (atStart.form ?? 0),
      "renders in its first minute": (afterMinute.form ?? 0) - (atStart.form ?? 0),
      "status requests": polls,
    },
    {
      part: "JobProgress (elapsed clock ticks each second)",
      "renders during the job": (counts.progress ?? 0) - (atStart.progress ?? 0),
      "renders in its first minute": (afterMinute.progress ?? 0) - (atStart.progress ?? 0),
      "status requests": polls,
    },
  ]);
});
