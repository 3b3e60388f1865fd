// Exercises the hooks and the public types, so that `tsc` proves they resolve to real
// declarations (a type that fell back to `any` would make the @ts-expect-error lines fail).
import { useState } from "react";
import { KlingError, KlingProvider, useKlingEdit, type KlingEditInput, type KlingErrorCode } from "react-kling-edit";

const example: KlingEditInput = {
  prompt: "Make it snow",
  video_url: "https://example.com/source.mp4",
  video_duration: 5,
  tier: "standard",
  keep_audio: true,
};

// @ts-expect-error: "ultra" is not a tier.
const wrongTier: KlingEditInput = { ...example, tier: "ultra" };
// @ts-expect-error: the prompt is required.
const noPrompt: KlingEditInput = { video_url: example.video_url, video_duration: 5 };
export const invalidInputs = [wrongTier, noPrompt];

export function describeError(error: unknown): string {
  if (!(error instanceof KlingError)) return "unexpected error";
  const code: KlingErrorCode = error.code;
  // @ts-expect-error: `code` is a union of known codes, not any string.
  const notACode: KlingErrorCode = "not-a-code";
  void notACode;
  return `${code}${error.status ? ` (HTTP ${error.status})` : ""}: ${error.message}`;
}

function QuickEdit() {
  const [lastError, setLastError] = useState<KlingError>();
  const edit = useKlingEdit({
    onError: (error) => setLastError(error),
    onCompleted: ({ videoUrl }) => console.info("edited video", videoUrl),
  });
  return (
    <section data-status={edit.status}>
      <button type="button" disabled={edit.isBusy} onClick={() => void edit.submit(example)}>
        Run the example edit
      </button>
      <p>{edit.status}</p>
      {edit.videoUrl && <video src={edit.videoUrl} controls />}
      {lastError && <p role="alert">{describeError(lastError)}</p>}
    </section>
  );
}

export function HookEditor({ proxyUrl }: { proxyUrl: string }) {
  return (
    <KlingProvider proxyUrl={proxyUrl}>
      <QuickEdit />
    </KlingProvider>
  );
}
