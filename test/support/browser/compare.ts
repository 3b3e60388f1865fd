import { cleanup, render } from "@testing-library/react";
import { Profiler, createElement, type ReactElement } from "react";
import { afterEach, expect } from "vitest";
import "../../../src/styles/base.css";
import "../../../src/styles/compare.css";

afterEach(() => cleanup());

/** Renders inside a React Profiler: `commits()` is how many times the tree rendered since `reset()`. */
export function renderCounted(ui: ReactElement) {
  let count = 0;
  const result = render(createElement(Profiler, { id: "compare", onRender: () => void count++ }, ui));
  return { ...result, commits: () => count, reset: () => void (count = 0) };
}

/** The root, both videos and the divider of the (first or given) VideoCompare. */
export function parts(scope: ParentNode = document) {
  const root = scope.querySelector<HTMLElement>(".kling-compare")!;
  const [before, after] = root.querySelectorAll("video");
  return {
    root,
    before: before!,
    after: after!,
    stage: root.querySelector<HTMLElement>(".kling-compare-stage")!,
    divider: root.querySelector<HTMLElement>(".kling-compare-divider")!,
  };
}

export async function whenReady(root: HTMLElement) {
  await expect.poll(() => root.dataset.state, { timeout: 5000 }).toBe("ready");
}

export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
