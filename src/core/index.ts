export * from "./types";
export * from "./limits";
export * from "./validate";
export * from "./errors";
export * from "./retry-after";
export * from "./client";
export * from "./schedule";
export { describeJob, type JobView } from "./status";
export { PIXELDOJO_API_URL } from "./upstream";
