// The little of @20minutes/s3rver the tests use. Why this fork: s3rver 3.7.1 (the newest
// `s3rver` on npm) accepts any SigV4 signature, and even unsigned requests; this fork checks
// V4 signatures (method, path, query, signed headers, scope) and expiry. Neither has access
// control for unsigned requests: an unsigned PUT or GET is let through, like a public bucket.
declare module "@20minutes/s3rver" {
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    configureBuckets?: Array<{ name: string; configs?: string[] }>;
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
