// Types for `import "react-kling-edit/styles.css"`: TypeScript checks side-effect imports, and
// an app without a bundler's CSS types would otherwise fail to type-check.
export {};
