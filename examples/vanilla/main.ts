// The page: the editor against the simulated backend (a fake PixelDojo behind the library's
// real proxy, all in the page), so it runs with no key and no network.
import { createFakeKling, createFakeProxy } from "../../src/testing/index";
import { mountVanillaEditor } from "./editor";

const proxy = createFakeProxy(
  createFakeKling({ queueMs: 2_000, processingMs: 6_000, outputVideoUrl: "/samples/edited.mp4" }),
);
mountVanillaEditor(document.getElementById("editor")!, { proxyUrl: "/api/kling", fetch: proxy.fetch, persist: false });
