import type { KlingProxyErrorInfo } from "./types";

interface MaybeProcess {
  process?: { env?: Record<string, string | undefined> };
}

/** `PIXELDOJO_API_KEY` from the environment, where there is one to read (not on edge runtimes). */
export function keyFromEnvironment(): string | undefined {
  try {
    return (globalThis as MaybeProcess).process?.env?.PIXELDOJO_API_KEY;
  } catch {
    // Deno without --allow-env throws on access: treat as "not set".
    return undefined;
  }
}

export function resolveApiKey(explicit: string | undefined): string {
  const key = (explicit ?? keyFromEnvironment())?.trim();
  if (!key) {
    throw new Error(
      "createKlingProxy: no PixelDojo API key. Pass { apiKey } or set PIXELDOJO_API_KEY in the server's environment.",
    );
  }
  // The key is redacted from everything that leaves the server; a key this short would also
  // cut into job ids and URLs. No PixelDojo key is this short.
  if (key.length < 8) {
    throw new Error("createKlingProxy: the PixelDojo API key is shorter than 8 characters; check PIXELDOJO_API_KEY.");
  }
  return key;
}

const REDACTED = "[redacted]";

/** Removes the key from any text that might leave the server (answers, log lines). */
export function redactor(key: string): (text: string) => string {
  return (text) => (text.includes(key) ? text.split(key).join(REDACTED) : text);
}

/** An error as plain, redacted text: the proxy never hands out the error object itself. */
export function describeError(error: unknown, redact: (text: string) => string): KlingProxyErrorInfo {
  if (error instanceof Error) {
    const described: KlingProxyErrorInfo = {
      name: redact(error.name),
      message: redact(error.message),
    };
    if (error.stack) described.stack = redact(error.stack);
    return described;
  }
  return { name: "Error", message: redact(String(error)) };
}
