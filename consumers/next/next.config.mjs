import { fileURLToPath } from "node:url";

/** @type {import("next").NextConfig} */
export default {
  // The throwaway app lives in a temp dir: pin the root so Next does not look above it.
  turbopack: { root: fileURLToPath(new URL(".", import.meta.url)) },
};
