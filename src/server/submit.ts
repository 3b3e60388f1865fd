import type { KlingLimits } from "../core/limits";
import type { NormalizedEditInput } from "../core/types";
import { validateEditInput } from "../core/validate";
import { readJsonBody } from "./body";
import type { ErrorAnswer } from "./responses";

export type SubmitBody = { ok: true; input: NormalizedEditInput } | { ok: false; answer: ErrorAnswer };

/** A submit's body: JSON within `maxBodyBytes` (see `readJsonBody`), then the one validation rule of the library. */
export async function readSubmitBody(
  request: Request,
  { maxBodyBytes, limits }: { maxBodyBytes: number; limits?: Partial<KlingLimits> },
): Promise<SubmitBody> {
  const body = await readJsonBody(request, { maxBytes: maxBodyBytes, what: "the edit" });
  if (!body.ok) return body;
  const checked = validateEditInput(body.json, limits);
  if (!checked.ok) {
    const first = Object.values(checked.errors)[0];
    return { ok: false, answer: { status: 400, code: "invalid_input", message: first?.message, fieldErrors: checked.errors } };
  }
  return { ok: true, input: checked.value };
}
