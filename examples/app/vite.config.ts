import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { klingProxyPlugin } from "./kling-proxy-plugin";

// `npm run example`: the page and the proxy in one dev server, the library from ../../src.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react(), klingProxyPlugin()],
  // The project's sample clips at /samples/, so the simulated mode works with no network.
  publicDir: fileURLToPath(new URL("../../public", import.meta.url)),
  // Keep the "simulated / live" notice on screen.
  clearScreen: false,
  // Loopback only: the demo's authorize lets every caller through.
  server: { host: "127.0.0.1" },
});
