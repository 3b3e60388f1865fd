import type { Preview } from "@storybook/react-vite";
import { QueryClient } from "@tanstack/react-query";
import { mswLoader } from "msw-storybook-addon/csf3";
import { useState, type ReactNode } from "react";
import { KlingProvider } from "../src";
import type { FakeKlingOptions } from "../src/testing";
import { fakeProxyHandlers, fakeStorageHandlers } from "../src/testing/msw";
import { resetFakeBackend, STORY_PROXY_URL } from "../stories/support/fake-backend";
import "../src/styles/base.css";

// Every component stylesheet, as the built styles.css bundles them (a new one is never missed).
import.meta.glob("../src/styles/*.css", { eager: true });

declare module "@storybook/react-vite" {
  interface Parameters {
    /** Options of the simulated Kling backend for this story. */
    fake?: FakeKlingOptions;
  }
}

/** One QueryClient per mounted story, kept across its re-renders. */
function StoryKling({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <KlingProvider
      proxyUrl={STORY_PROXY_URL}
      queryClient={queryClient}
      // Story jobs take seconds, not minutes: ask often so they finish on screen.
      polling={{ initialDelayMs: 400, intervalMs: 800 }}
    >
      {children}
    </KlingProvider>
  );
}

/**
 * msw answers the proxy only; everything else (the sample clips, Storybook's own files, a page
 * being left) goes to the network as it would. Only an unanswered proxy call is worth a warning.
 */
async function startWorker() {
  const { setupWorker } = await import("msw/browser");
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      if (new URL(request.url).pathname.startsWith(STORY_PROXY_URL)) print.warning();
    },
  });
  return worker;
}

const preview: Preview = {
  loaders: [mswLoader(startWorker)],
  // Every story gets its own simulated backend and bucket, so no state leaks from one story to the next.
  beforeEach({ parameters, msw }) {
    sessionStorage.clear();
    const { proxy, storage } = resetFakeBackend(parameters.fake);
    msw.use(...fakeProxyHandlers(proxy), ...fakeStorageHandlers(storage));
  },
  decorators: [
    (Story) => (
      <StoryKling>
        <Story />
      </StoryKling>
    ),
  ],
  parameters: {
    layout: "padded",
    controls: { expanded: true },
    // Any accessibility violation fails the story's test.
    a11y: { test: "error" },
  },
};

export default preview;
