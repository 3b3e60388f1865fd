// Deno: `deno run --allow-net=127.0.0.1 servers/deno.mjs`; prints {"port":N} once listening.
/* global Deno */
import { createApp } from "./app.mjs";

const app = createApp();
Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(JSON.stringify({ port })) },
  (request) => app(request),
);
