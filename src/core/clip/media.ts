// The media engine's chunk: everything that imports the media toolkit is reached from here only,
// through the dynamic import in ./index.
export { inspectClip } from "./inspect";
export { canPrepareClip } from "./support";
export { prepareClip } from "./prepare";
