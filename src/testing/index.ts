// The simulated backend and the real proxy in front of it: no msw, so an app without msw can
// import them (for example to stand in for PixelDojo behind its own proxy). msw handlers:
// `react-kling-edit/testing/msw`.
export * from "./fake-kling";
export * from "./fake-proxy";
export * from "./fake-storage";
export * from "./samples";
