// An app's own worker that prepares clips: the engine needs nothing of the page (no DOM), only
// WebCodecs, which dedicated workers have.
import { prepareClip, type PrepareClipOptions } from "../../../../src/index";
import "./worker-shim";

self.onmessage = async (
  event: MessageEvent<{ file: File; options: Omit<PrepareClipOptions, "signal" | "onProgress"> }>,
) => {
  try {
    let last = 0;
    const prepared = await prepareClip(event.data.file, {
      ...event.data.options,
      onProgress: (fraction) => (last = fraction),
    });
    self.postMessage({ prepared, last });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
