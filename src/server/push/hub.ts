import { isTerminalStatus } from "../../core/types";
import type { KlingStore, KlingJobRecord } from "../store/types";

const channelOf = (jobId: string) => `job:${jobId}`;
/** The message that says the server watch of a job stopped before it ended (not JSON: no record reads as it). */
const WATCH_STOPPED = "watch-stopped";

/** A job's news for a stream: its record on every change; undefined once no more news will come (the watch stopped without an ending). */
export type StreamListener = (record: KlingJobRecord | undefined) => void;

/**
 * One instance's open streams: each job's listeners share one store subscription; one heartbeat
 * clock for all. On every heartbeat each job with listeners is read again from the store, so
 * that no stream waits for ever on news that cannot come: a newer version than pub/sub brought
 * (a message lost while the store's connection was down) is passed on, a record that is gone
 * (an emptied store, an expired job) ends the job's streams, and `onLive` hears the record of
 * a job still running (the watch re-arms its turn there, if the store lost it).
 */
export interface StreamHub {
  /** Calls `listener` with every update of the job published on any instance; resolves once subscribed. */
  listen(jobId: string, listener: StreamListener): Promise<() => void>;
  /** Tells every instance's listeners of the job. */
  publish(record: KlingJobRecord): Promise<void>;
  /** Tells every instance's listeners of the job that no more news will come. */
  stopped(jobId: string): Promise<void>;
  /** Calls `beat` every `heartbeatMs` until the returned function is called. */
  heartbeat(beat: () => void): () => void;
  /** Open listeners on this instance. */
  readonly listeners: number;
}

export function createStreamHub(
  store: KlingStore,
  heartbeatMs: number,
  onError: (error: unknown) => void,
  onLive: (record: KlingJobRecord) => void = () => undefined,
): StreamHub {
  const jobs = new Map<string, { listeners: Set<StreamListener>; subscribed: Promise<() => Promise<void>> }>();
  const beats = new Set<() => void>();
  // Jobs whose re-read is on its way: one at a time (a store that is down may hold a call for long).
  const checking = new Set<string>();
  let clock: ReturnType<typeof setInterval> | undefined;
  let count = 0;

  const deliver = (jobId: string, message: string) => {
    let record: KlingJobRecord | undefined;
    try {
      record = message === WATCH_STOPPED ? undefined : (JSON.parse(message) as KlingJobRecord);
    } catch (error) {
      return onError(error);
    }
    tell(jobId, record);
  };
  const tell = (jobId: string, record: KlingJobRecord | undefined) => {
    for (const listener of [...(jobs.get(jobId)?.listeners ?? [])]) {
      try {
        listener(record);
      } catch (error) {
        // One stream's failure is its own: the job's other streams still hear the news.
        onError(error);
      }
    }
  };
  const recheck = (jobId: string) => {
    if (checking.has(jobId)) return;
    checking.add(jobId);
    store
      .getJob(jobId)
      .then(
        (record) => {
          if (!jobs.has(jobId)) return;
          tell(jobId, record);
          if (record && !isTerminalStatus(record.status)) onLive(record);
        },
        // The store is down: the next heartbeat asks again (the watch's own look reports the outage).
        () => undefined,
      )
      .catch(onError)
      .finally(() => checking.delete(jobId));
  };

  return {
    async listen(jobId, listener) {
      let entry = jobs.get(jobId);
      if (!entry) {
        entry = {
          listeners: new Set(),
          subscribed: store.subscribe(channelOf(jobId), (message) => deliver(jobId, message)),
        };
        jobs.set(jobId, entry);
        // A failed subscription is not kept: the next stream tries again.
        entry.subscribed.catch(() => jobs.get(jobId) === entry && jobs.delete(jobId));
      }
      const own: StreamListener = (record) => listener(record);
      entry.listeners.add(own);
      count++;
      try {
        await entry.subscribed;
      } catch (error) {
        // Not listening after all: it must not stay counted as an open stream.
        entry.listeners.delete(own);
        count--;
        throw error;
      }
      return () => {
        const current = jobs.get(jobId);
        if (!current?.listeners.delete(own)) return;
        count--;
        if (current.listeners.size > 0) return;
        jobs.delete(jobId);
        current.subscribed.then((unsubscribe) => unsubscribe()).catch(onError);
      };
    },
    async publish(record) {
      await store.publish(channelOf(record.jobId), JSON.stringify(record));
    },
    async stopped(jobId) {
      await store.publish(channelOf(jobId), WATCH_STOPPED);
    },
    heartbeat(beat) {
      beats.add(beat);
      if (!clock) {
        clock = setInterval(() => {
          beats.forEach((one) => one());
          for (const jobId of jobs.keys()) recheck(jobId);
        }, heartbeatMs);
        // Open streams keep the process alive, not the clock.
        (clock as { unref?: () => void }).unref?.();
      }
      return () => {
        beats.delete(beat);
        if (beats.size === 0 && clock) {
          clearInterval(clock);
          clock = undefined;
        }
      };
    },
    get listeners() {
      return count;
    },
  };
}
