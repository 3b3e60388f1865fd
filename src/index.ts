"use client";
export * from "./core/index";
export * from "./hooks/index";
export * from "./components/index";
// The core's `UploadFile` (the uploader's) and the form's are the same type; named once here.
export type { UploadFile } from "./core/index";
