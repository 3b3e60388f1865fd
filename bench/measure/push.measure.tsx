import { QueryClient } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { it } from "vitest";
import { useKlingEdit, useKlingJob } from "../../src";
import type { KlingProxyHandler } from "../../src/server";
import { advance, installFakeClock, setupFakeKling, validInput, wrapper } from "../../test/support/kling";
import { record } from "./record";

const kling = setupFakeKling();
type Mode = "polling" | "stream + server watch" | "stream + webhook";

/**
 * One 2-minute job submitted in the first tab through useKlingEdit, watched in `tabs` tabs in
 * all (each its own KlingProvider and QueryClient, as separate pages are), through the real
 * proxy in front of the simulated PixelDojo. Counts what the browser sent and what reached the
 * upstream, and when every tab knew the job had completed.
 */
async function run(mode: Mode, tabs: number) {
  installFakeClock();
  const target: { proxy?: KlingProxyHandler } = {};
  const fake = kling.use(
    {
      queueMs: 0,
      processingMs: 120_000,
      webhookFetch: (input, init) => target.proxy!(new Request(input, init)),
    },
    mode === "polling"
      ? { push: false }
      : mode === "stream + webhook"
        ? { webhooks: { publicUrl: "http://localhost/api/kling" } }
        : {},
  );
  target.proxy = kling.proxy.handler;
  const browserBefore = kling.proxy.requests.length;
  const first = renderHook(() => useKlingEdit({ persist: false }), {
    wrapper: wrapper({ queryClient: new QueryClient() }),
  });
  await act(() => first.result.current.submit(validInput));
  const submittedAt = Date.now();
  const { jobId } = first.result.current;
  const others = Array.from({ length: tabs - 1 }, () =>
    renderHook(() => useKlingJob(jobId, { submittedAt }), { wrapper: wrapper({ queryClient: new QueryClient() }) }),
  );
  let noticedAt = 0;
  for (let t = 0; t < 240_000 && !noticedAt; t += 100) {
    await advance(100, 100);
    if (first.result.current.status === "completed" && others.every((tab) => tab.result.current.status === "completed"))
      noticedAt = Date.now();
  }
  for (const tab of [first, ...others]) tab.unmount();
  return {
    mode,
    tabs,
    // Every request every tab sent to the proxy (the submit included), but the one question
    // whether it takes uploads, which has nothing to do with the job.
    "browser requests": kling.proxy.requests.slice(browserBefore).filter((request) => request.path !== "/uploads")
      .length,
    "upstream requests": fake.requests.length,
    "webhooks delivered": fake.webhooks.length,
    "completion noticed after (s)": noticedAt ? ((noticedAt - (submittedAt + 120_000)) / 1000).toFixed(1) : "never",
  };
}

it("push against polling, one 2-minute job", { timeout: 300_000 }, async () => {
  const rows = [];
  for (const tabs of [1, 10]) {
    for (const mode of ["polling", "stream + server watch", "stream + webhook"] as const)
      rows.push(await run(mode, tabs));
  }
  record("Push economy: one 2-minute job, 1 and 10 tabs", rows);
});
