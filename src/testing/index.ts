// The simulated backend alone: no dependency, so an app without msw can import it (for
// example to stand in for PixelDojo behind its own proxy). msw handlers: `react-kling-edit/testing/msw`.
export * from "./fake-kling";
