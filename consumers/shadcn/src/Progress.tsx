import { useJobProgress, type JobProgressSource } from "react-kling-edit";
import { Button } from "@/components/ui/button";

/** Where the edit stands, from useJobProgress, in this app's own markup. */
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
    <section
      role="group"
      aria-label={progress.title}
      data-status={progress.status}
      className="grid gap-2 rounded-md border border-slate-300 p-4"
    >
      <p role="status" aria-live="polite" className="font-semibold">
        {progress.announcement}
      </p>
      {progress.progress && (
        <progress
          className="w-full"
          aria-label={progress.labels.progress}
          aria-valuetext={progress.progress.text}
          max={100}
          value={progress.progress.percent}
        />
      )}
      <p className="text-sm text-slate-600">
        {[facts.elapsed, facts.charged, facts.remaining].filter(Boolean).join(" · ")}
      </p>
      {result && (
        <p className="text-sm">
          {result.expiry}{" "}
          <a className="underline" href={result.videoUrl} download target="_blank" rel="noopener noreferrer">
            {progress.labels.download}
          </a>
        </p>
      )}
      {progress.actions.length > 0 && (
        <div className="flex gap-2">
          {progress.actions.map((action) => (
            <Button key={action.name} variant={action.primary ? "default" : "outline"} onClick={action.run}>
              {action.label}
            </Button>
          ))}
        </div>
      )}
    </section>
  );
}
