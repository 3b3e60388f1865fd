// Node: the built Node adapter in front of the same app, as `http.createServer(toNodeHandler(proxy))`.
import { createServer } from "node:http";
import { toNodeHandler } from "../../../dist/server.js";
import { createApp } from "./app.mjs";

const server = createServer(toNodeHandler(createApp()));
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
