import { DEFAULT_HISTORY_LIMIT, JOB_ID_PATTERN, MAX_HISTORY_LIMIT, type KlingHistoryPage } from "../core/contract";
import { ownerOf, type ProxyContext, type ProxyRequest } from "./context";
import { storeCall } from "./store-call";
import { historyItem } from "./jobs";
import { baseHeaders, type ErrorAnswer } from "./responses";
import type { KlingHistoryCursor } from "./store/types";

export interface HistoryQuery {
  limit: number;
  before?: KlingHistoryCursor;
}

// `{createdAt}.{jobId}`: a position, not a secret (a page only ever lists the caller's own jobs).
// The id part is checked by the contract's JOB_ID_PATTERN.
const CURSOR = /^(\d{1,15})\.(.+)$/;
const encodeCursor = ({ createdAt, jobId }: KlingHistoryCursor) => `${createdAt}.${jobId}`;

const invalid = (message: string): { ok: false; answer: ErrorAnswer } => ({
  ok: false,
  answer: { status: 400, code: "invalid_input", message },
});

/** `?cursor=` and `?limit=`, strictly: anything else in the query is refused with its name. */
export function readHistoryQuery(url: URL): { ok: true; query: HistoryQuery } | { ok: false; answer: ErrorAnswer } {
  const query: HistoryQuery = { limit: DEFAULT_HISTORY_LIMIT };
  const seen = new Set<string>();
  for (const [name, value] of url.searchParams) {
    if (seen.has(name)) return invalid(`The query names ${JSON.stringify(name.slice(0, 40))} twice.`);
    seen.add(name);
    if (name === "limit") {
      const limit = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
      if (!(limit >= 1 && limit <= MAX_HISTORY_LIMIT))
        return invalid(`limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}.`);
      query.limit = limit;
    } else if (name === "cursor") {
      const match = CURSOR.exec(value);
      if (!match || !JOB_ID_PATTERN.test(match[2]!))
        return invalid("The cursor is not one this server gave out: pass the nextCursor of the previous page.");
      query.before = { createdAt: Number(match[1]), jobId: match[2]! };
    } else {
      return invalid(
        `Unknown query parameter ${JSON.stringify(name.slice(0, 40))}: the history takes cursor and limit.`,
      );
    }
  }
  return { ok: true, query };
}

/** `GET {proxyUrl}/jobs`: the caller's own jobs, newest first, one page. */
export async function handleHistory(
  ctx: ProxyContext,
  req: ProxyRequest,
  { limit, before }: HistoryQuery,
): Promise<Response> {
  // One more than the page, to know whether another page follows.
  const listed = await storeCall(ctx, req, "list jobs", () =>
    ctx.store.listJobs(ownerOf(req.user), { limit: limit + 1, before }),
  );
  if (!listed.ok) return listed.response;
  const records = listed.value.slice(0, limit);
  const page: KlingHistoryPage = { jobs: records.map((record) => historyItem(record, ctx.redact)) };
  const last = records.at(-1);
  if (listed.value.length > limit && last) page.nextCursor = encodeCursor(last);
  // Redacted whole as well: the key is caught whatever escapes serialising used.
  return new Response(ctx.redact(JSON.stringify(page)), { status: 200, headers: baseHeaders() });
}
