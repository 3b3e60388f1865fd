import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  if (typeof sessionStorage !== "undefined") sessionStorage.clear();
});
