import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useKlingEdit, useKlingHistory } from "../../src";
import { flushIO, setupFakeKling, validInput, wrapper } from "../support/kling";

const kling = setupFakeKling();

async function submitAs(user: string, prompt = validInput.prompt) {
  kling.proxy.signIn(user);
  const response = await kling.proxy.fetch("/api/kling/models/kling-video-edit/run", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...validInput, prompt }),
  });
  return ((await response.json()) as { jobId: string }).jobId;
}

describe("useKlingHistory", () => {
  it("lists the signed-in user's edits newest first, and loads older pages on demand", async () => {
    kling.use();
    const ids = [];
    for (const prompt of ["one", "two", "three"]) ids.push(await submitAs("test-user", prompt));
    await submitAs("someone-else");
    kling.proxy.signIn("test-user");

    const { result } = renderHook(() => useKlingHistory({ pageSize: 2 }), { wrapper: wrapper() });
    expect(result.current.status).toBe("loading");
    await waitFor(() => expect(result.current.status).toBe("ready"));
    expect(result.current.jobs).toHaveLength(2);
    expect(result.current.hasMore).toBe(true);

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.jobs).toHaveLength(3));
    expect(result.current.hasMore).toBe(false);
    expect(new Set(result.current.jobs.map((job) => job.jobId))).toEqual(new Set(ids));
    expect(result.current.jobs.map((job) => job.input.prompt).sort()).toEqual(["one", "three", "two"]);
    expect(result.current.jobs[0]).toMatchObject({
      status: "pending",
      creditCost: 40,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
  });

  it("refreshes after a submit through useKlingEdit", async () => {
    kling.use();
    const Wrapper = wrapper();
    const { result } = renderHook(() => ({ history: useKlingHistory(), edit: useKlingEdit({ persist: false }) }), {
      wrapper: Wrapper,
    });
    await waitFor(() => expect(result.current.history.status).toBe("ready"));
    expect(result.current.history.jobs).toEqual([]);
    await act(() => result.current.edit.submit(validInput));
    await waitFor(() => expect(result.current.history.jobs).toHaveLength(1));
    expect(result.current.history.jobs[0]!.jobId).toBe(result.current.edit.jobId);
  });

  it("reports a refusal as a KlingError (signed out: unauthorized)", async () => {
    kling.use({}, { user: null });
    const { result } = renderHook(() => useKlingHistory(), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.status).toBe("error"));
    expect(result.current.error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(result.current.jobs).toEqual([]);
  });

  it("asks nothing while disabled", async () => {
    kling.use();
    renderHook(() => useKlingHistory({ enabled: false }), { wrapper: wrapper() });
    await flushIO();
    expect(kling.proxy.requests).toHaveLength(0);
  });
});
