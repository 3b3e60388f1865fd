import { Button, Group, Paper, Progress as Bar, Stack, Text } from "@mantine/core";
import { useJobProgress, type JobProgressSource } from "react-kling-edit";

/** Where the edit stands, from useJobProgress: the same words and actions as JobProgress, in Mantine. */
export function Progress({
  source,
  onRetry,
  onReset,
}: {
  source: JobProgressSource;
  onRetry: () => void;
  onReset: () => void;
}) {
  const progress = useJobProgress(source, { onRetry, onReset, estimatedDurationMs: 4_000 });
  const { facts, result } = progress;
  return (
    <Paper withBorder p="md" role="group" aria-label={progress.title} data-status={progress.status}>
      <Stack gap="xs">
        <Text role="status" aria-live="polite" fw={600}>
          {progress.announcement}
        </Text>
        {progress.progress && (
          <Bar
            aria-label={progress.labels.progress}
            aria-valuetext={progress.progress.text}
            value={progress.progress.percent ?? 100}
            animated={progress.progress.percent === undefined}
          />
        )}
        <Text size="sm" c="dimmed">
          {[facts.elapsed, facts.charged, facts.remaining].filter(Boolean).join(" · ")}
        </Text>
        {result && (
          <Text size="sm">
            {result.expiry}{" "}
            <a href={result.videoUrl} download target="_blank" rel="noopener noreferrer">
              {progress.labels.download}
            </a>
          </Text>
        )}
        {progress.actions.length > 0 && (
          <Group>
            {progress.actions.map((action) => (
              <Button key={action.name} variant={action.primary ? "filled" : "default"} onClick={action.run}>
                {action.label}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
