// A real S3-protocol server on loopback for tests: @20minutes/s3rver, which checks SigV4
// signatures (the `s3rver` package itself accepts any V4 signature; see s3rver.d.ts).
// Started on a free port with a temporary folder, stopped (and the folder removed) by `stop`.
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "@20minutes/s3rver";

export interface S3TestServer {
  /** `http://127.0.0.1:{port}`: pass as `endpoint`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

interface AccountModule {
  DUMMY_ACCOUNT: {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
    revokeAccessKey(accessKeyId: string): void;
  };
}

let servers = 0;

/** Starts a server with one bucket, reachable with its own key pair (distinct per server). */
export async function startS3Server({ bucket = "kling-test" }: { bucket?: string } = {}): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), "kling-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  // Long and distinctive, so a leak into a ticket or an answer shows in a plain substring search.
  const accessKeyId = `KLINGTEST${process.pid}X${++servers}`;
  const secretAccessKey = `s3-secret/${accessKeyId}/DO-NOT-LEAK`;
  const accounts = createRequire(import.meta.url)("@20minutes/s3rver/lib/models/account") as AccountModule;
  accounts.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: "us-east-1",
    accessKeyId,
    secretAccessKey,
    async stop() {
      accounts.DUMMY_ACCOUNT.revokeAccessKey(accessKeyId);
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
