import { Container, Stack, Title } from "@mantine/core";
import { useKlingEdit } from "react-kling-edit";
import { Compare } from "./Compare";
import { EditForm } from "./EditForm";
import { Progress } from "./Progress";

type Step = "form" | "progress" | "result" | "error";

/** The whole editor from the headless layer: useKlingEdit runs the edit, the rest is Mantine. */
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
    <Container size="sm" py="lg" component="main" data-step={step}>
      <Stack>
        <Title order={1}>Edit a video</Title>
        {step === "form" && <EditForm onSubmit={edit.submit} busy={edit.isBusy} error={edit.error} />}
        {step !== "form" && (
          <Progress source={edit} onRetry={() => edit.input && edit.submit(edit.input)} onReset={edit.reset} />
        )}
        {step === "result" && edit.input && edit.videoUrl && (
          <Compare before={edit.input.video_url} after={edit.videoUrl} />
        )}
      </Stack>
    </Container>
  );
}
