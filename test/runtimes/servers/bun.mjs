// Bun: `bun servers/bun.mjs`; prints {"port":N} once listening.
/* global Bun */
import { createApp } from "./app.mjs";

const app = createApp();
const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => app(request) });
console.log(JSON.stringify({ port: server.port }));
