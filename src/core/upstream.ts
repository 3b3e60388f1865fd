/** PixelDojo's API root: where the proxy sends the two calls of the contract by default. */
export const PIXELDOJO_API_URL = "https://pixeldojo.ai/api/v1";
