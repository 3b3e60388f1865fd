import { KlingError } from "../errors";
import type { PrepareClipOptions, PreparedClip } from "./index";

export async function prepareClip(file: Blob, options: PrepareClipOptions): Promise<PreparedClip> {
  void file;
  void options;
  throw new KlingError("internal_error", { message: "prepareClip is not built yet." });
}
