// workerd (Cloudflare Workers), run by Miniflare from the harness.
import { createApp } from "./app.mjs";

const app = createApp();
export default { fetch: (request) => app(request) };
