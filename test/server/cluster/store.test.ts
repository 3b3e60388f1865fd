// The store contract on a real Redis Cluster (3 primaries, 3 replicas): every script on one
// slot, the due queues spread over shards, sharded pub/sub between two cluster clients.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRedisStore, QUEUE_SHARDS, type RedisKlingStore } from "../../../src/server/redis";
import { startRedisCluster, type TestCluster } from "../../support/redis-cluster";
import { jobRecord, storeContract } from "../store/store-contract";

let cluster: TestCluster;
const stores: RedisKlingStore[] = [];
beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await cluster?.stop();
});

const open = async (prefix = "kling") => {
  const store = createRedisStore(await cluster.connect(), { prefix, onError: () => undefined });
  stores.push(store);
  return store;
};

storeContract("Redis store (cluster)", {
  async open() {
    return [await open(), await open()];
  },
});

describe("Redis store on a cluster: where keys live", () => {
  test("a job, its owner's keys and a due queue's shards spread over the primaries", async () => {
    const primaries = new Set<number>();
    for (let i = 0; i < 12; i++) primaries.add(await cluster.primaryOf(`kling:job:{j:job_${i}}`));
    expect(primaries.size).toBe(3);
    const shards = new Set<number>();
    for (let n = 0; n < QUEUE_SHARDS; n++) shards.add(await cluster.primaryOf(`kling:queue:{q:poll:${n}}`));
    expect(shards.size).toBe(3);
    // A user's spend and its amounts share one slot: the reservation script runs on one node.
    expect(await cluster.primaryOf("kling:spend:{u:alice}")).toBe(
      await cluster.primaryOf("kling:spend-amounts:{u:alice}"),
    );
  });

  test("a prefix keeps two apps on one cluster apart", async () => {
    const one = await open("app-one");
    const two = await open("app-two");
    const record = jobRecord();
    await one.createJob(record);
    expect(await two.getJob(record.jobId)).toBeUndefined();
    expect(await one.getJob(record.jobId)).toEqual(record);
  });
});
