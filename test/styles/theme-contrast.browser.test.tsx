import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { JobProgress, KlingError } from "../../src";
import "../../src/styles/base.css";
import "../../src/styles/form.css";
import "../../src/styles/progress.css";
import { contrast, rgb } from "../../stories/support/contrast";

const style = document.createElement("style");
afterEach(() => style.remove());

/** A one-token theme, written as the README shows it, in light or dark. */
function renderThemed(accent: string, scheme: "light" | "dark") {
  style.textContent = `.my-app .kling-root { --kling-accent: ${accent}; }`;
  document.head.append(style);
  const job = {
    jobId: "j",
    status: "completed",
    expiresAt: new Date(Date.now() + 3_600_000 * 5).toISOString(),
    output: { video: "/out.mp4" },
  };
  const view = render(
    <div className="my-app" data-kling-theme={scheme}>
      <JobProgress status="failed" error={new KlingError("job_failed")} onRetry={() => {}} />
      <JobProgress status="completed" job={job} />
    </div>,
  );
  const [failed, done] = view.container.querySelectorAll<HTMLElement>(".kling-progress");
  return {
    button: failed!.querySelector<HTMLElement>(".kling-button--primary")!,
    page: failed!,
    link: done!.querySelector<HTMLElement>(".kling-progress__download")!,
    linkBox: done!.querySelector<HTMLElement>(".kling-progress__expiry")!,
  };
}

// The README's example first, then accents that break a fixed foreground: light, dark, saturated.
const ACCENTS = [
  "#0b6e4f",
  "#3b4fd9",
  "#8c9bff",
  "#ffcc00",
  "#e11d48",
  "#00e5ff",
  "#22c55e",
  "#ff00ff",
  "#0000ff",
  "#ff8800",
  "#111111",
  "#ffffff",
];

describe.each(["light", "dark"] as const)("a one-token theme keeps WCAG AA contrast (%s)", (scheme) => {
  it.each(ACCENTS)("--kling-accent: %s", (accent) => {
    const { button, page, link, linkBox } = renderThemed(accent, scheme);
    const css = (element: HTMLElement) => getComputedStyle(element);
    // The theme took: the button is the accent itself.
    expect(rgb(css(button).backgroundColor)).toEqual(rgb(accent));
    // Text on the accent, the accent as text (on the page and on a surface): 4.5:1.
    expect(contrast(css(button).color, css(button).backgroundColor)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(css(link).color, css(linkBox).backgroundColor)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(css(link).color, css(page).backgroundColor)).toBeGreaterThanOrEqual(4.5);
    // The focus ring follows the accent, and stands out from the page: 3:1.
    button.focus();
    expect(contrast(css(button).outlineColor, css(page).backgroundColor)).toBeGreaterThanOrEqual(3);
  });
});

it("an app's own --kling-accent-fg still wins over the derived one", () => {
  style.textContent = `.my-app .kling-root { --kling-accent: #0b6e4f; --kling-accent-fg: #ffe066; }`;
  document.head.append(style);
  const { container } = render(
    <div className="my-app">
      <JobProgress status="failed" error={new KlingError("job_failed")} onRetry={() => {}} />
    </div>,
  );
  expect(rgb(getComputedStyle(container.querySelector(".kling-button--primary")!).color)).toEqual(rgb("#ffe066"));
});
