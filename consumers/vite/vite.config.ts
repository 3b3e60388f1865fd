import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
// With its extension: Vite's native config loader (its future default) resolves no extensionless import.
import { klingProxy } from "./kling-proxy.ts";

// The proxy is mounted in `vite dev` and in `vite preview` (which serves the build).
export default defineConfig({
  plugins: [
    react(),
    {
      name: "kling-proxy",
      configureServer: (server) => void server.middlewares.use("/api/kling", klingProxy),
      configurePreviewServer: (server) => void server.middlewares.use("/api/kling", klingProxy),
    },
  ],
});
