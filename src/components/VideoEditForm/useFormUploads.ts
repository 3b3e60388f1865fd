import { useRef, type ChangeEvent, type DragEvent, type HTMLAttributes } from "react";
import type { KlingLimits } from "../../core/limits";
import { isKlingError } from "../../core/errors";
import { UPLOAD_TYPES, type UploadKind } from "../../core/uploads";
import { roundDuration } from "../../core/validate";
import { mergeProps } from "../shared";
import type { VideoEditFormLabels } from "./labels";
import type { InputProps, VideoEditFormUpload } from "./types";
import { useClipPreparation, type VideoEditFormClip } from "./useClipPreparation";
import { useUpload, type UploadFile, type UseUploadResult } from "./useUpload";
import type { EditFormValues } from "./values";

export interface UseFormUploadsOptions {
  uploadFile?: UploadFile;
  limits?: Partial<KlingLimits>;
  labels: VideoEditFormLabels;
  /** Nothing is taken while the form is busy or disabled. */
  locked: boolean;
  /** Merges a change into the form's latest values. */
  update: (patch: Partial<EditFormValues>) => void;
  /** Adds an uploaded reference image. */
  addImage: (url: string) => unknown;
  /** The id of a kind's file input. */
  inputId: (kind: UploadKind) => string;
}

export interface FormUploads {
  uploads?: Record<UploadKind, VideoEditFormUpload>;
  clip?: VideoEditFormClip;
  /** An upload runs, or a clip is read, trimmed or prepared: nothing may be submitted. */
  busy: boolean;
  getUploadZoneProps: (kind: UploadKind, props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement>;
  getUploadInputProps: (kind: UploadKind, props?: InputProps) => InputProps;
}

/** Clip states in which the form waits for the clip (no submit). */
const CLIP_BUSY = ["inspecting", "trimming", "preparing"];
/** Any video the browser may read: the clip is inspected and, where it must be, converted. */
const VIDEO_ACCEPT = ["video/*", ...UPLOAD_TYPES.video, ".mov", ".mkv"];

/**
 * The form's uploads: a reference image goes straight to the app's `uploadFile`; a clip goes
 * through `useClipPreparation` first (inspected, trimmed or converted where it must be) and
 * leaves the form without a source until its own URL arrives.
 */
export function useFormUploads(options: UseFormUploadsOptions): FormUploads {
  const { uploadFile, limits, labels, locked, update, addImage } = options;
  const videoUpload = useUpload(uploadFile, "video", limits);
  const imageUpload = useUpload(uploadFile, "image", limits);
  // "Keep the audio" was unticked for a clip without sound: ticked again for the next one with sound.
  const silenced = useRef(false);
  const clip = useClipPreparation({
    limits,
    labels,
    upload: videoUpload,
    apply: (url, seconds) => update({ video_url: url, video_duration: roundDuration(seconds) }),
    clear: () => update({ video_url: "", video_duration: undefined }),
    onAudio: (hasAudio) => {
      if (hasAudio === false) update({ keep_audio: false });
      else if (silenced.current) update({ keep_audio: true });
      silenced.current = hasAudio === false;
    },
  });

  const take = async (kind: UploadKind, file: File | undefined) => {
    if (locked) return;
    return kind === "video" ? clip.take(file) : imageUpload.take(file, addImage);
  };
  const uploadOf = (upload: UseUploadResult, kind: UploadKind): VideoEditFormUpload => {
    const { fraction, refused, error: failed } = upload.state;
    // The uploader refusing the file by a rule (`invalid_input`: its length, its type) is a refusal, not a failure.
    const message = refused
      ? labels.uploadRefused(refused)
      : upload.status !== "error"
        ? undefined
        : isKlingError(failed) && failed.code === "invalid_input"
          ? labels.uploadInvalid(failed)
          : labels.uploadFailed(failed);
    return {
      ...upload,
      upload: (file) => take(kind, file),
      percent: fraction === undefined ? undefined : Math.round(fraction * 100),
      message: (kind === "video" && clip.message) || message,
    };
  };

  return {
    uploads: uploadFile ? { video: uploadOf(videoUpload, "video"), image: uploadOf(imageUpload, "image") } : undefined,
    clip: uploadFile ? clip : undefined,
    busy: videoUpload.status === "uploading" || imageUpload.status === "uploading" || CLIP_BUSY.includes(clip.status),
    getUploadZoneProps: (kind, props) => {
      const upload = kind === "video" ? videoUpload : imageUpload;
      const drag = (event: DragEvent<HTMLElement>) => {
        event.preventDefault();
        event.currentTarget.toggleAttribute("data-dragging", event.type === "dragover" && !locked);
        if (event.type === "drop" && !locked) void take(kind, event.dataTransfer.files[0]);
      };
      return mergeProps(
        {
          "data-state": upload.status,
          // Beside data-state, which a design system's own drop zone may set for itself.
          "data-upload": upload.status,
          "data-clip": kind === "video" && clip.status !== "idle" ? clip.status : undefined,
          onDragOver: drag,
          onDragLeave: drag,
          onDrop: drag,
        } as HTMLAttributes<HTMLElement>,
        props,
      );
    },
    getUploadInputProps: (kind, props) => {
      const upload = kind === "video" ? videoUpload : imageUpload;
      return mergeProps(
        {
          id: options.inputId(kind),
          type: "file",
          accept: (kind === "video" ? VIDEO_ACCEPT : UPLOAD_TYPES.image).join(","),
          // A name of its own: a design system often hides the input behind its own button.
          "aria-label": kind === "video" ? labels.uploadVideo : labels.uploadImage,
          disabled:
            locked ||
            upload.status === "uploading" ||
            (kind === "video" && CLIP_BUSY.includes(clip.status) && clip.status !== "trimming"),
          onChange: (event: ChangeEvent<HTMLInputElement>) => {
            const file = event.currentTarget.files?.[0];
            // Cleared so that picking the same file again after a failure fires `change` again.
            event.currentTarget.value = "";
            void take(kind, file);
          },
        },
        props,
      );
    },
  };
}
