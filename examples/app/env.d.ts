/// <reference types="vite/client" />

/** True when the dev server runs the simulated backend (no PIXELDOJO_API_KEY). */
declare const __KLING_SIMULATED__: boolean;
