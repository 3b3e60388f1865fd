// A paid job never loses its owner: when the proxy's store lost the job's record, the claim
// the browser kept from the submit's answer (and sends as X-Kling-Claim) restores it, and the
// edit completes for its owner, in the same page and after a reload.
import { QueryClient } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useKlingEdit } from "../../src";
import { createMemoryStore, type KlingStore } from "../../src/server";
import { createFakeKling, createFakeProxy, type FakeProxy } from "../../src/testing";
import { advance, installFakeClock, validInput, wrapper } from "../support/kling";

const OUTPUT = "https://cdn.example.com/out.mp4";

/**
 * A memory store that loses job records: `loseNextWrite` drops the next accepted job's write (it
 * was written, then lost), `forget(jobId)` loses a record already there. A job written again
 * (the claim's restore) is kept.
 */
function losingStore() {
  const memory = createMemoryStore();
  const lost = new Set<string>();
  let loseNextWrite = false;
  const store: KlingStore = {
    ...memory,
    async createJob(record) {
      if (loseNextWrite) {
        loseNextWrite = false;
        return;
      }
      lost.delete(record.jobId);
      return memory.createJob(record);
    },
    getJob: async (jobId) => (lost.has(jobId) ? undefined : memory.getJob(jobId)),
    updateJob: async (jobId, update) => (lost.has(jobId) ? undefined : memory.updateJob(jobId, update)),
  };
  return {
    store,
    loseNextWrite: () => void (loseNextWrite = true),
    forget: (jobId: string) => void lost.add(jobId),
  };
}

/**
 * The page's fetch: the proxy in-process (no socket, so the test's clock decides), with the
 * claim header of each request kept, and every answer awaited before time moves on (the proxy
 * signs and checks claims with Web Crypto, which settles outside the fake clock).
 */
function pageFetch(proxy: FakeProxy) {
  const claims: Array<[string, string | null]> = [];
  const inFlight = new Set<Promise<unknown>>();
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(new URL(String(input), "http://localhost"), init);
    claims.push([`${request.method} ${new URL(request.url).pathname}`, request.headers.get("x-kling-claim")]);
    const answer = proxy.fetch(request);
    const settled = answer.catch(() => undefined);
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return answer;
  };
  /** `ms` of fake time, a step at a time, each after every answer under way arrived. */
  async function run(ms: number, step = 250) {
    for (let done = 0; done < ms; done += step) {
      while (inFlight.size > 0) await act(() => Promise.all(inFlight));
      await advance(step);
    }
  }
  return { fetch, claims, run };
}

function setup() {
  installFakeClock();
  const losing = losingStore();
  const proxy = createFakeProxy(createFakeKling({ queueMs: 3_000, processingMs: 20_000, outputVideoUrl: OUTPUT }), {
    store: losing.store,
  });
  return { ...losing, proxy, ...pageFetch(proxy) };
}

describe("a job the proxy's store lost is restored by its owner's claim", () => {
  it("the edit completes when the store lost the job's record right after the submit", async () => {
    const { store, loseNextWrite, proxy, fetch, claims, run } = setup();
    const { result } = renderHook(() => useKlingEdit({ persist: false }), { wrapper: wrapper({ fetch }) });
    loseNextWrite();
    await act(() => result.current.submit(validInput));
    const jobId = result.current.jobId!;
    const claim = result.current.job?.claim;
    expect(claim).toEqual(expect.any(String));

    await run(30_000);
    expect(result.current).toMatchObject({ status: "completed", videoUrl: OUTPUT });
    // The request that found no record carried the claim, and the record is back, the owner's.
    expect(claims.filter(([path]) => path.includes(`/jobs/${jobId}`))[0]).toEqual([expect.any(String), claim]);
    expect(await store.getJob(jobId)).toMatchObject({ jobId, owner: "test-user" });
    expect(proxy.fake.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it("after a reload: the claim kept with the saved job restores it", async () => {
    const { store, forget, proxy, fetch, claims, run } = setup();
    const first = renderHook(() => useKlingEdit(), { wrapper: wrapper({ fetch }) });
    await act(() => first.result.current.submit(validInput));
    const jobId = first.result.current.jobId!;
    const claim = first.result.current.job?.claim;
    expect(JSON.parse(sessionStorage.getItem("react-kling-edit:/api/kling")!)).toMatchObject({ jobId, claim });
    await run(1_000);
    first.unmount();

    // While the page reloads, the store loses the record (say, it restarted empty).
    forget(jobId);
    expect(await store.getJob(jobId)).toBeUndefined();
    claims.length = 0;
    const second = renderHook(() => useKlingEdit(), { wrapper: wrapper({ fetch, queryClient: new QueryClient() }) });
    await run(30_000);
    expect(second.result.current).toMatchObject({ jobId, status: "completed", videoUrl: OUTPUT });
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every(([, sent]) => sent === claim)).toBe(true);
    expect(await store.getJob(jobId)).toMatchObject({ jobId, owner: "test-user" });
    expect(proxy.fake.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });
});
