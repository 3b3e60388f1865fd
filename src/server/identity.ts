import type { KlingProxyIdentify } from "./types";

/** Longest user id `identify` may return: it ends up in store keys and logs. */
export const MAX_USER_ID_LENGTH = 256;

export type Identity =
  | { ok: true; user: string | undefined }
  /** Nobody signed in: 401. */
  | { ok: false; anonymous: true }
  /** The app's `identify` is broken: 500, logged as the integrator's bug. */
  | { ok: false; anonymous: false; why: string; error?: unknown };

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/** What a user id must be; `undefined` when `value` is one, else why not. */
function userIdProblem(value: unknown): string | undefined {
  if (typeof value !== "string")
    return `identify() returned ${value === null ? "null" : typeof value}, not a string or null.`;
  if (value === "") return "identify() returned an empty string; return null for an anonymous caller.";
  if (value.length > MAX_USER_ID_LENGTH)
    return `identify() returned ${value.length} characters; a user id has at most ${MAX_USER_ID_LENGTH}.`;
  if (CONTROL.test(value)) return "identify() returned a user id with control characters.";
  return undefined;
}

/**
 * Who a request comes from. Without an `identify` (allowed with `ownership: false`) every
 * caller is the same unnamed user.
 */
export async function identifyCaller(identify: KlingProxyIdentify | undefined, request: Request): Promise<Identity> {
  if (!identify) return { ok: true, user: undefined };
  let value: unknown;
  try {
    value = await identify(request);
  } catch (error) {
    return { ok: false, anonymous: false, why: "identify() threw; the request was refused.", error };
  }
  if (value === null || value === undefined) return { ok: false, anonymous: true };
  const problem = userIdProblem(value);
  return problem ? { ok: false, anonymous: false, why: problem } : { ok: true, user: value as string };
}
