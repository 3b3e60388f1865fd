import type { QueryClient } from "@tanstack/react-query";
import { forwardRef, lazy, Suspense, useEffect, useRef, useState, type HTMLAttributes, type ReactNode } from "react";
import type { HeadersOption } from "../../core/client";
import type { KlingLimits, PricingFunction } from "../../core/limits";
import type { PollingOptions } from "../../core/schedule";
import type { KlingEditInput } from "../../core/types";
import { KlingProvider } from "../../hooks/context";
import { useKlingEdit, type UseKlingEditOptions } from "../../hooks/useKlingEdit";
import { JobProgress } from "../JobProgress";
import { cx, useLabels } from "../shared";
import { VideoEditForm } from "../VideoEditForm";
import type { UploadFile } from "../VideoEditForm/useUpload";
import { DEFAULT_FORM_LABELS, tierLabel } from "../VideoEditForm/labels";
import { toFormValues, type EditFormValues } from "../VideoEditForm/values";
import { DEFAULT_EDITOR_LABELS, type KlingVideoEditorLabelSet } from "./labels";

// The comparison is fetched while the edit runs (it is needed only once it is done), so the
// editor's up-front code carries neither it nor the trimmer (which shares its helpers).
const loadCompare = () => import("../VideoCompare/VideoCompare");
const VideoCompare = /* @__PURE__ */ lazy(() => loadCompare().then((module) => ({ default: module.VideoCompare })));

export type KlingVideoEditorStep = "form" | "progress" | "result" | "error";

/** The root `<div>`'s native props (`onError` is the edit's own, with a `KlingError`). */
type RootProps = Omit<HTMLAttributes<HTMLDivElement>, "onError">;

export interface KlingVideoEditorProps extends UseKlingEditOptions, RootProps {
  /** Renders its own `KlingProvider` for this proxy; without it, one must be above. */
  proxyUrl?: string;
  /** With `proxyUrl`: passed to the provider. */
  fetch?: typeof fetch;
  headers?: HeadersOption;
  polling?: PollingOptions;
  limits?: Partial<KlingLimits>;
  queryClient?: QueryClient;
  /** The form's starting values, and what "New edit" returns to. */
  defaultValues?: Partial<KlingEditInput>;
  /** Passed to the form: default the proxy's uploader when it takes uploads; `false` for none. */
  uploadFile?: UploadFile | false;
  pricing?: PricingFunction;
  /** Passed to `JobProgress`: typical edit time for the labelled estimate, `null` for none. */
  estimatedDurationMs?: number | null;
  /** Level of the step headings, to fit the page's outline. Default 2. */
  headingLevel?: 2 | 3 | 4 | 5 | 6;
  labels?: KlingVideoEditorLabelSet;
}

// `@__PURE__`: a top-level forwardRef call is kept by bundlers unless marked, and with it
// the whole component, in apps that import only the hooks.
/** The flow itself, under a provider: form, progress, comparison, and back. */
const EditorFlow = /* @__PURE__ */ forwardRef<HTMLDivElement, KlingVideoEditorProps>(function EditorFlow(props, ref) {
  const {
    defaultValues,
    persist,
    onSubmitted,
    onCompleted,
    onError,
    onStatusChange,
    uploadFile,
    pricing,
    estimatedDurationMs,
    headingLevel = 2,
    labels: labelSet,
    className,
    // The provider's props (KlingVideoEditor took them): not for the <div>.
    proxyUrl: _proxyUrl,
    fetch: _fetch,
    headers: _headers,
    polling: _polling,
    limits: _limits,
    queryClient: _queryClient,
    ...rest
  } = props;
  const labels = useLabels(DEFAULT_EDITOR_LABELS, labelSet?.editor);
  const [values, setValues] = useState<EditFormValues>(() => toFormValues(defaultValues));
  // The hook keeps the credits the submit reported (status answers do not repeat them).
  const edit = useKlingEdit({ persist, onCompleted, onError, onStatusChange, onSubmitted });
  const { status, input } = edit;
  const step: KlingVideoEditorStep =
    status === "completed"
      ? "result"
      : status === "failed" || status === "expired"
        ? "error"
        : edit.isBusy
          ? "progress"
          : "form";

  // Each step replaces the last: move focus to its heading, not on first render, and only once
  // the user has worked in the editor (a job resumed at page load must not steal the focus).
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  const used = useRef(false);
  const markUsed = () => void (used.current = true);
  useEffect(() => {
    if (step !== "form") void loadCompare().catch(() => undefined);
  }, [step]);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    if (used.current) heading.current?.focus();
  }, [step]);

  /** Back to the form, with the last edit's inputs ("Edit again") or the starting ones ("New edit"). */
  const back = (keep?: boolean) => () => {
    setValues(toFormValues(keep ? input : defaultValues));
    edit.reset();
  };
  const newEdit = back();

  const Heading = `h${headingLevel}` as const;
  const form = useLabels(DEFAULT_FORM_LABELS, labelSet?.form);
  const [tierName, tierHint] = tierLabel(input?.tier ?? "pro", form);
  const summary: Array<[string, ReactNode]> = input
    ? [
        [form.prompt, input.prompt],
        [form.videoUrl, input.video_url],
        [form.duration, input.video_duration],
        [form.tier, `${tierName} (${tierHint})`],
        [form.keepAudio, input.keep_audio === false ? labels.no : labels.yes],
        // Without reference images the row is left out.
        [form.images, input.image_urls?.length],
      ]
    : [];
  const progress = (
    <JobProgress
      status={edit.status}
      job={edit.job}
      error={edit.error}
      isRetrying={edit.isRetrying}
      isOffline={edit.isOffline}
      videoUrl={edit.videoUrl}
      submittedAt={edit.submittedAt}
      estimatedDurationMs={estimatedDurationMs}
      onRetry={() => {
        if (input) void edit.submit(input);
      }}
      onReset={newEdit}
      onRewatch={edit.rewatch}
      labels={labelSet?.progress}
    />
  );

  return (
    <div
      ref={ref}
      {...rest}
      className={cx("kling-root kling-editor", className)}
      data-step={step}
      onClickCapture={markUsed}
      onInputCapture={markUsed}
      onKeyDownCapture={markUsed}
    >
      <Heading ref={heading} className="kling-editor__title" tabIndex={-1}>
        {labels[`${step}Title`]}
      </Heading>
      {step === "progress" && (
        <>
          {progress}
          {input && (
            <dl className="kling-editor__summary" aria-label={labels.summary}>
              {summary.map(
                ([term, value], i) =>
                  value !== undefined && (
                    <div key={i}>
                      <dt>{term}</dt>
                      <dd className={i === 1 ? "kling-editor__url" : undefined}>{value}</dd>
                    </div>
                  ),
              )}
            </dl>
          )}
        </>
      )}
      {step === "result" && input && edit.videoUrl && (
        <>
          {/* One download on this screen: the progress panel's, beside the link's expiry. */}
          <Suspense fallback={null}>
            <VideoCompare
              before={input.video_url}
              after={edit.videoUrl}
              downloadUrl={null}
              labels={labelSet?.compare}
            />
          </Suspense>
          {progress}
          <div className="kling-editor__actions">
            <button type="button" className="kling-button kling-button--primary" onClick={back(true)}>
              {labels.editAgain}
            </button>
            <button type="button" className="kling-button" onClick={newEdit}>
              {labels.newEdit}
            </button>
          </div>
        </>
      )}
      {step === "error" && progress}
      {(step === "form" || step === "error") && (
        <VideoEditForm
          value={values}
          onChange={setValues}
          onSubmit={edit.submit}
          busy={edit.isBusy}
          // A failed edit's error is told by the progress panel above; only input errors belong here.
          error={step === "form" ? edit.error : undefined}
          pricing={pricing}
          uploadFile={uploadFile}
          labels={labelSet?.form}
          trimmerLabels={labelSet?.trimmer}
          // Where the proxy takes uploads, the editor leads with the clip.
          layout="clip-first"
        />
      )}
    </div>
  );
});

/**
 * The whole edit in one component: the form, the job's progress, the before/after comparison,
 * then "Edit again" (keeping the inputs) or "New edit". Needs a `KlingProvider` above it, or a
 * `proxyUrl` to render its own.
 */
export const KlingVideoEditor = /* @__PURE__ */ forwardRef<HTMLDivElement, KlingVideoEditorProps>(
  function KlingVideoEditor(props, ref) {
    const editor = <EditorFlow ref={ref} {...props} />;
    // The provider takes what it knows of the props (proxyUrl, fetch, headers, polling, limits, queryClient).
    return props.proxyUrl ? (
      <KlingProvider {...props} proxyUrl={props.proxyUrl}>
        {editor}
      </KlingProvider>
    ) : (
      editor
    );
  },
);
