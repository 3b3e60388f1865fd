export { RUN_PATH, JOBS_PATH } from "../core/client";
