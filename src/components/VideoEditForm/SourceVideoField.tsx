import type { Ref } from "react";
import type { UseVideoMetadataResult } from "../../hooks/useVideoMetadata";
import { Field } from "./Field";
import type { VideoEditFormLabels } from "./labels";
import { UploadControl } from "./UploadControl";
import type { useUpload } from "./useUpload";

export interface SourceVideoFieldProps {
  id: string;
  value: string;
  onChange: (url: string) => void;
  /** The URL to preview: only one that validation accepts. */
  previewUrl?: string;
  videoProps: UseVideoMetadataResult["videoProps"];
  message?: string;
  messageId: string;
  aria: { "aria-invalid"?: boolean; "aria-describedby"?: string };
  upload?: ReturnType<typeof useUpload>;
  disabled: boolean;
  inputRef: Ref<HTMLInputElement>;
  labels: VideoEditFormLabels;
}

/**
 * Mutes the preview through the property: React renders no `muted` attribute on the server, so
 * the prop would make every hydration mismatch.
 */
function muteVideo(video: HTMLVideoElement | null) {
  if (video) video.muted = video.defaultMuted = true;
}

/** The source video: its URL (or an upload), and a small muted preview that its length is read from. */
export function SourceVideoField({
  id,
  value,
  onChange,
  previewUrl,
  videoProps,
  message,
  messageId,
  aria,
  upload,
  disabled,
  inputRef,
  labels,
}: SourceVideoFieldProps) {
  return (
    <Field htmlFor={id} label={labels.videoUrl} message={message} messageId={messageId}>
      <input
        ref={inputRef}
        id={id}
        className="kling-form__input"
        type="url"
        inputMode="url"
        placeholder="https://"
        value={value}
        {...aria}
        onChange={(event) => onChange(event.currentTarget.value.trim())}
      />
      {upload && (
        <UploadControl
          id={`${id}-upload`}
          kind="video"
          accept="video/mp4,video/quicktime"
          label={labels.uploadVideo}
          upload={upload}
          onUploaded={onChange}
          disabled={disabled}
          labels={labels}
        />
      )}
      {previewUrl && (
        <video
          key={previewUrl}
          className="kling-form__preview"
          src={previewUrl}
          ref={muteVideo}
          playsInline
          controls
          preload="metadata"
          aria-label={labels.videoPreview}
          {...videoProps}
        />
      )}
    </Field>
  );
}
