// The browser project's globalSetup: a real S3-protocol server (@20minutes/s3rver, which checks
// SigV4) on loopback for the uploads Chromium sends, handed to tests with provide/inject
// (see s3-commands.ts for its CORS rule), stopped and its folder removed after the run.
import type { TestProject } from "vitest/node";
import { startS3Server } from "../s3-server";

export default async function setup(project: TestProject) {
  const { stop, ...bucket } = await startS3Server({ bucket: "kling-browser" });
  project.provide("s3", bucket);
  return stop;
}
