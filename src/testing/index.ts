export * from "./fake-kling";
export { fakeKlingHandlers } from "./msw";
