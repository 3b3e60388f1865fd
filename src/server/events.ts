import { isTerminalStatus } from "../core/types";
import { ownerOf, type ProxyContext, type ProxyRequest } from "./context";
import { storeCall } from "./store-call";
import { jobView } from "./jobs";
import type { ServerWatch } from "./push/watch";
import type { KlingJobRecord } from "./store/types";
import { JOB_NOT_FOUND, visibleJob } from "./status";

const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // Neither cached nor transformed: a compressing proxy would hold events back.
  "cache-control": "no-store, no-transform",
  "x-content-type-options": "nosniff",
  // nginx and its kin buffer responses unless told not to.
  "x-accel-buffering": "no",
};

/**
 * A stream's place in its user's `streamLimit` lasts this many heartbeats unless kept (on each
 * one): an instance that dies leaves places that free themselves soon after.
 */
const PLACE_BEATS = 3;

/** Takes a place among the caller's open streams: a refusal to answer, or how to keep and free it. */
async function takePlace(
  ctx: ProxyContext,
  req: ProxyRequest,
  ttlMs: number,
): Promise<{ ok: false; response: Response } | { ok: true; keep: () => Promise<boolean>; release: () => void }> {
  const limit = ctx.streamsPerUser;
  // Without identify there is no user to count by.
  if (limit === undefined || req.user === undefined)
    return { ok: true, keep: async () => true, release: () => undefined };
  const owner = ownerOf(req.user);
  const id = crypto.randomUUID();
  const keep = () => ctx.store.acquireStreamSlot(owner, id, limit, ttlMs, ctx.now());
  const taken = await storeCall(ctx, req, "count open streams", keep);
  if (!taken.ok) return taken;
  if (!taken.value) {
    const message = `You have ${limit} live job updates open already, the most at once: this job's status is asked for instead.`;
    return {
      ok: false,
      response: req.refuse({ status: 429, code: "quota_exceeded", message }, "Stream limit reached"),
    };
  }
  let released = false;
  return {
    ok: true,
    keep,
    release() {
      if (released) return;
      released = true;
      // Not given back (the store is down): it expires by itself.
      void storeCall(ctx, req, "free a stream's place", () => ctx.store.releaseStreamSlot(owner, id));
    },
  };
}

/** `Last-Event-ID`: the version the browser last saw (digits), or 0. Undefined when it is not one of ours. */
function lastEventIdOf(request: Request): number | undefined {
  const value = request.headers.get("last-event-id")?.trim();
  if (!value) return 0;
  return /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/**
 * `GET {proxyUrl}/jobs/{jobId}/events`: the job's status as Server-Sent Events, for its owner.
 * An `event: status` with the job JSON (as the status route shows it) on every change, `id:` its
 * version; a comment at once and then every `heartbeatMs`; the stream ends after an ending.
 * Resumes after `Last-Event-ID`: a browser that saw version 3 gets only what came after.
 * Each user holds at most `streamLimit.perUser` streams (429 beyond); a stream whose place
 * lapsed and was taken by another ends, and the browser opens it again.
 */
export async function handleEvents(
  ctx: ProxyContext,
  req: ProxyRequest,
  jobId: string,
  watch: ServerWatch,
): Promise<Response> {
  const visible = await visibleJob(ctx, req, jobId);
  if (!visible.ok) return visible.response;
  // Without a record (ownership off, a job submitted elsewhere) there is nothing to stream.
  if (!visible.record) return req.refuse(JOB_NOT_FOUND, "No stream for a job the store does not know");
  const after = lastEventIdOf(req.request);
  // Versions only grow: an id past the job's version was never sent (its stream would wait for nothing).
  if (after === undefined || after > visible.record.version) {
    return req.refuse(
      { status: 400, code: "invalid_input", message: "Last-Event-ID must be the id of an event this server sent." },
      "Bad Last-Event-ID",
    );
  }
  if (req.method === "HEAD") return new Response(null, { status: 200, headers: STREAM_HEADERS });
  // Push is on (the watch exists): its settings are there.
  const place = await takePlace(ctx, req, PLACE_BEATS * ctx.push!.heartbeatMs);
  if (!place.ok) return place.response;

  const encoder = new TextEncoder();
  let closed = false;
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let sent = after;
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      };
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const send = (record: KlingJobRecord | undefined) => {
        // No news will come (the watch stopped without an ending, or the store lost the job): the
        // stream ends, and the browser's poll (or its next stream) hears why.
        if (!record) return close();
        if (closed || record.version <= sent) return;
        sent = record.version;
        write(
          `id: ${record.version}\nevent: status\ndata: ${ctx.redact(JSON.stringify(jobView(record, req.root, ctx.redact)))}\n\n`,
        );
        if (isTerminalStatus(record.status)) close();
      };
      // Bytes at once, so that a browser can tell a live stream from one a proxy is buffering.
      write(`retry: 3000\n: open\n\n`);
      // Each heartbeat keeps the stream's place; one call at a time (a store that is down may hold it).
      let keeping = false;
      const stopBeat = watch.hub.heartbeat(() => {
        write(": heartbeat\n\n");
        if (keeping || closed) return;
        keeping = true;
        place
          .keep()
          // No room for it any more (its place lapsed and others took the room): the stream ends.
          // The store is down: it goes on (its place lapses by itself if the store stays down).
          .then(
            (kept) => kept || close(),
            () => undefined,
          )
          .finally(() => (keeping = false));
      });
      let unlisten = () => {};
      cleanup = () => {
        stopBeat();
        unlisten();
        place.release();
      };
      try {
        unlisten = await watch.hub.listen(jobId, send);
      } catch (error) {
        ctx.emit({
          level: "error",
          event: "store_failed",
          method: req.method,
          path: req.path,
          message: "The store could not subscribe a stream.",
          error,
        });
        return close();
      }
      if (closed) return unlisten();
      // Read after subscribing, so that no update between the two is missed.
      let latest = visible.record!;
      try {
        latest = (await ctx.store.getJob(jobId)) ?? latest;
      } catch {
        // The record read before the stream opened stands in.
      }
      send(latest);
      if (isTerminalStatus(latest.status)) return close();
      await watch.watched(latest);
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
  return new Response(stream, { status: 200, headers: STREAM_HEADERS });
}
