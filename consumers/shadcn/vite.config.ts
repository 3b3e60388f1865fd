import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
// With its extension: Vite's native config loader (its future default) resolves no extensionless import.
import { mountKling } from "./kling-proxy.ts";

export default defineConfig({
  resolve: { alias: { "@": new URL("./src", import.meta.url).pathname } },
  plugins: [
    react(),
    tailwindcss(),
    { name: "kling-proxy", configureServer: mountKling, configurePreviewServer: mountKling },
  ],
});
