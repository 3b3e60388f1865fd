// One edit without React: a form, a live status line and the result video over
// `createEditSession`. In an app the import reads `from "react-kling-edit/core"`; this example
// imports the same entry from the sources, so that it runs without a build.
import { createEditSession, type EditSessionOptions, type EditSessionSnapshot } from "../../src/core/entry";

const STATUS_TEXT: Record<EditSessionSnapshot["status"], string> = {
  idle: "Ready.",
  submitting: "Sending the edit…",
  pending: "Queued…",
  processing: "Editing the video…",
  completed: "Done: the edited video is below (its link expires, download it to keep it).",
  failed: "The edit failed.",
  expired: "The result expired or the wait ran out.",
};

/** Renders the editor into `root` and returns a function that removes it. */
export function mountVanillaEditor(root: HTMLElement, options: EditSessionOptions): () => void {
  root.innerHTML = `
    <form novalidate>
      <label>What to change <textarea name="prompt" required></textarea></label>
      <label>Source video URL <input name="video_url" type="url" required /></label>
      <label>Length (seconds) <input name="video_duration" type="number" min="3" max="10" step="0.1" required /></label>
      <button type="submit">Edit video</button>
      <button type="button" data-reset>Start over</button>
    </form>
    <p role="status" aria-live="polite" data-status="idle">Ready.</p>
    <p role="alert" hidden></p>
    <video controls hidden aria-label="Edited video"></video>`;
  const form = root.querySelector("form")!;
  const status = root.querySelector<HTMLElement>("[role=status]")!;
  const alert = root.querySelector<HTMLElement>("[role=alert]")!;
  const video = root.querySelector("video")!;
  const submitButton = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
  const session = createEditSession(options);

  const render = () => {
    const snapshot = session.getSnapshot();
    status.dataset.status = snapshot.status;
    status.textContent = STATUS_TEXT[snapshot.status];
    alert.hidden = !snapshot.error;
    alert.textContent = snapshot.error?.message ?? "";
    submitButton.disabled = snapshot.isBusy;
    video.hidden = !snapshot.videoUrl;
    if (snapshot.videoUrl && video.getAttribute("src") !== snapshot.videoUrl) video.src = snapshot.videoUrl;
  };
  const unsubscribe = session.subscribe(render);
  render();

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(form);
    void session.submit({
      prompt: String(data.get("prompt") ?? ""),
      video_url: String(data.get("video_url") ?? ""),
      video_duration: Number(data.get("video_duration")),
    });
  };
  const onReset = () => session.reset();
  form.addEventListener("submit", onSubmit);
  root.querySelector("[data-reset]")!.addEventListener("click", onReset);
  return () => {
    unsubscribe();
    session.reset();
    root.innerHTML = "";
  };
}
