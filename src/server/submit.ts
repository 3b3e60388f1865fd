import type { KlingLimits } from "../core/limits";
import type { NormalizedEditInput } from "../core/types";
import { validateEditInput } from "../core/validate";
import { BodyTooLargeError, readLimited, tooLargeMessage } from "./body";
import type { ErrorAnswer } from "./responses";

export type SubmitBody = { ok: true; input: NormalizedEditInput } | { ok: false; answer: ErrorAnswer };

function isJsonContentType(value: string | null): boolean {
  return value?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

const invalid = (status: number, message?: string): SubmitBody => ({
  ok: false,
  answer: { status, code: "invalid_input", message },
});

/**
 * A submit's body, checked in the order that costs least: media type, declared size, the
 * size actually streamed, UTF-8, JSON, then the one validation rule of the library.
 */
export async function readSubmitBody(
  request: Request,
  { maxBodyBytes, limits }: { maxBodyBytes: number; limits?: Partial<KlingLimits> },
): Promise<SubmitBody> {
  // Also what stops a cross-site HTML form from posting here: forms cannot send this type.
  if (!isJsonContentType(request.headers.get("content-type"))) return invalid(415, "Send the edit as application/json.");
  const tooLarge = invalid(413, tooLargeMessage(maxBodyBytes));
  if (Number(request.headers.get("content-length") ?? "0") > maxBodyBytes) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readLimited(request.body, maxBodyBytes));
  } catch (error) {
    return error instanceof BodyTooLargeError ? tooLarge : invalid(400, "The request body could not be read.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalid(400, "The request body must be JSON.");
  }
  const checked = validateEditInput(json, limits);
  if (!checked.ok) {
    const first = Object.values(checked.errors)[0];
    return { ok: false, answer: { status: 400, code: "invalid_input", message: first?.message, fieldErrors: checked.errors } };
  }
  return { ok: true, input: checked.value };
}
