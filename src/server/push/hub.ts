import type { KlingStore, KlingJobRecord } from "../store/types";

const channelOf = (jobId: string) => `job:${jobId}`;

/** One instance's open streams: each job's listeners share one store subscription; one heartbeat clock for all. */
export interface StreamHub {
  /** Calls `listener` with every update of the job published on any instance; resolves once subscribed. */
  listen(jobId: string, listener: (record: KlingJobRecord) => void): Promise<() => void>;
  /** Tells every instance's listeners of the job. */
  publish(record: KlingJobRecord): Promise<void>;
  /** Calls `beat` every `heartbeatMs` until the returned function is called. */
  heartbeat(beat: () => void): () => void;
  /** Open listeners on this instance. */
  readonly listeners: number;
}

export function createStreamHub(store: KlingStore, heartbeatMs: number, onError: (error: unknown) => void): StreamHub {
  const jobs = new Map<string, { listeners: Set<(record: KlingJobRecord) => void>; subscribed: Promise<() => Promise<void>> }>();
  const beats = new Set<() => void>();
  let clock: ReturnType<typeof setInterval> | undefined;
  let count = 0;

  const deliver = (jobId: string, message: string) => {
    let record: KlingJobRecord;
    try {
      record = JSON.parse(message) as KlingJobRecord;
    } catch (error) {
      return onError(error);
    }
    for (const listener of [...(jobs.get(jobId)?.listeners ?? [])]) listener(record);
  };

  return {
    async listen(jobId, listener) {
      let entry = jobs.get(jobId);
      if (!entry) {
        entry = { listeners: new Set(), subscribed: store.subscribe(channelOf(jobId), (message) => deliver(jobId, message)) };
        jobs.set(jobId, entry);
        // A failed subscription is not kept: the next stream tries again.
        entry.subscribed.catch(() => jobs.get(jobId) === entry && jobs.delete(jobId));
      }
      const own = (record: KlingJobRecord) => listener(record);
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
    heartbeat(beat) {
      beats.add(beat);
      if (!clock) {
        clock = setInterval(() => beats.forEach((one) => one()), heartbeatMs);
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
