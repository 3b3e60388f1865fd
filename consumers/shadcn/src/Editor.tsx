import { useKlingEdit } from "react-kling-edit";
import { Compare } from "./Compare";
import { EditForm } from "./EditForm";
import { Progress } from "./Progress";

type Step = "form" | "progress" | "result" | "error";

/** The whole editor from the headless layer: useKlingEdit runs the edit, the markup is the app's. */
export function Editor() {
  const edit = useKlingEdit({ persist: false });
  const step: Step =
    edit.status === "completed"
      ? "result"
      : edit.status === "failed" || edit.status === "expired"
        ? "error"
        : edit.isBusy
          ? "progress"
          : "form";
  return (
    <main data-step={step} className="mx-auto grid max-w-2xl gap-6 p-6 text-slate-900">
      <h1 className="text-2xl font-semibold">Edit a video</h1>
      {step === "form" && <EditForm onSubmit={edit.submit} busy={edit.isBusy} error={edit.error} />}
      {step !== "form" && (
        <Progress source={edit} onRetry={() => edit.input && edit.submit(edit.input)} onReset={edit.reset} />
      )}
      {step === "result" && edit.input && edit.videoUrl && (
        <Compare before={edit.input.video_url} after={edit.videoUrl} />
      )}
    </main>
  );
}
