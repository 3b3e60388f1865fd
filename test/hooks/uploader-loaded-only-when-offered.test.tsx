// The form asks the proxy whether it takes uploads, and only a yes loads the uploader (a chunk of
// its own in the built library): a page whose proxy takes none never fetches it.
import { QueryClient } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { expect, test, vi } from "vitest";
import { KlingProvider } from "../../src/hooks/context";
import { VideoEditForm } from "../../src/components";
import { PROXY_URL, setupUploads, until } from "../core/uploader/support";

const uploader = vi.hoisted(() => ({ loads: 0 }));
vi.mock("../../src/core/uploader", async (importOriginal) => {
  uploader.loads++;
  return importOriginal();
});

const { ctx, restart } = setupUploads();
// Lets the answers (msw) and what follows them run. (Not test/support/kling's: it imports the
// whole entry, which exports the uploader and so loads it.)
const flushIO = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};
const questions = () => ctx.proxy.requests.filter((request) => request.path === "/uploads");

// One module registry per file: the first test sees the module unloaded, the second loads it.
test("a proxy without uploads is asked once and the uploader is never loaded", async () => {
  expect(uploader.loads).toBe(0);
  restart({ proxy: () => ({ uploads: undefined }) });
  render(
    <KlingProvider proxyUrl={PROXY_URL} queryClient={new QueryClient()}>
      <VideoEditForm />
      <VideoEditForm />
    </KlingProvider>,
  );
  await until(() => questions().length > 0, "the question");
  await act(() => flushIO());
  expect(questions()).toHaveLength(1);
  expect(screen.queryByLabelText("Upload a video")).toBeNull();
  expect(uploader.loads).toBe(0);
});

test("a proxy that takes uploads: the uploader is loaded once, for every form under the provider", async () => {
  render(
    <KlingProvider proxyUrl={PROXY_URL} queryClient={new QueryClient()}>
      <VideoEditForm />
      <VideoEditForm />
    </KlingProvider>,
  );
  await until(() => screen.queryAllByLabelText("Upload a video").length === 2, "both upload zones");
  expect(questions()).toHaveLength(1);
  expect(uploader.loads).toBe(1);
});
