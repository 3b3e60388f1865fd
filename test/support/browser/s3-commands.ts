// What the browser project needs from Node for its uploads to a real S3-protocol server: the
// bucket (provided by s3-setup.ts) and the bucket's CORS rule. The test page's origin is known
// only once Vitest's browser server listens, so the page names it through the
// `allowOriginOnTestBucket` command, which sets the rule from Node.
import { AwsClient } from "aws4fetch";
import type { BrowserCommand } from "vitest/node";

/** What a browser test needs to sign for the server: `s3Uploads({ ...inject("s3") })`. */
export interface TestBucket {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    s3: TestBucket;
  }
}

declare module "vitest/browser" {
  interface BrowserCommands {
    allowOriginOnTestBucket: (origin: string) => Promise<void>;
  }
}

/**
 * The CORS rule the README gives for a bucket: the app's origin may PUT and GET, sending
 * content-type (a `<video>`'s Range is a header CORS lets through anyway).
 */
export const corsRule = (origin: string) =>
  `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>` +
  "<AllowedMethod>GET</AllowedMethod><AllowedHeader>content-type</AllowedHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>";

/** Sets the bucket's CORS rule to allow `origin` (the test page's), signed like any S3 request. */
export const allowOriginOnTestBucket: BrowserCommand<[origin: string]> = async ({ project }, origin) => {
  const { endpoint, bucket, region, accessKeyId, secretAccessKey } = project.getProvidedContext().s3;
  const client = new AwsClient({ accessKeyId, secretAccessKey, region, service: "s3" });
  const response = await client.fetch(`${endpoint}/${bucket}?cors`, { method: "PUT", body: corsRule(origin) });
  if (!response.ok) throw new Error(`PutBucketCors answered ${response.status}: ${await response.text()}`);
};
