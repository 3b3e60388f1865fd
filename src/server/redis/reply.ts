// Reading node-redis replies, which come as RESP2 lists or RESP3 maps depending on the client.

export type Reply = unknown;

/** Runs one of the store's Lua scripts with its keys and arguments. */
export type RunScript = (script: string, keys: string[], args: Array<string | number>) => Promise<Reply>;

export const text = (value: Reply): string => (typeof value === "string" ? value : value == null ? "" : String(value));

/** A hash reply as an object: a flat `[field, value, …]` list (RESP2, and from scripts) or a map (RESP3). */
export function fields(reply: Reply): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) out[text(reply[i])] = text(reply[i + 1]);
  } else if (reply instanceof Map) {
    for (const [field, value] of reply) out[text(field)] = text(value);
  } else if (typeof reply === "object" && reply !== null) {
    for (const [field, value] of Object.entries(reply)) out[field] = text(value);
  }
  return out;
}
