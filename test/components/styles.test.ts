import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const FILES = ["form.css", "progress.css", "editor.css", "trimmer.css"];
const read = (file: string) =>
  readFileSync(`${process.cwd()}/src/styles/${file}`, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

/** Selector lists of the style rules (not at-rules, not keyframe steps). */
function selectors(css: string): string[] {
  const found: string[] = [];
  for (const match of css.matchAll(/([^{}]+)\{/g)) {
    const prelude = match[1]!.trim();
    if (prelude.startsWith("@") || /^(from|to|\d+%)$/.test(prelude)) continue;
    found.push(prelude);
  }
  return found;
}

/** What is left of a selector once every balanced :where(…) is taken out. */
function outsideWhere(selector: string): string {
  let rest = "";
  for (let i = 0; i < selector.length; i++) {
    if (selector.startsWith(":where(", i)) {
      let depth = 0;
      for (i += ":where".length; i < selector.length; i++) {
        if (selector[i] === "(") depth++;
        else if (selector[i] === ")" && --depth === 0) break;
      }
      continue;
    }
    rest += selector[i];
  }
  return rest;
}

describe.each(FILES)("%s", (file) => {
  const css = read(file);

  it("puts every selector inside :where(), so any app rule wins", () => {
    const list = selectors(css);
    expect(list.length).toBeGreaterThan(3);
    for (const selector of list) expect(outsideWhere(selector).replace(/[\s>+~,]/g, ""), selector).toBe("");
  });

  it("takes colours from the --kling-* tokens only", () => {
    expect(css).not.toMatch(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
  });
});

describe("motion", () => {
  it("stops the indeterminate bar's animation for prefers-reduced-motion", () => {
    const css = read("progress.css");
    const reduced = css.slice(css.indexOf("@media (prefers-reduced-motion: reduce)"));
    expect(css).toContain("animation: kling-progress-sweep");
    expect(reduced).toMatch(/\[data-indeterminate\][\s\S]*animation: none/);
  });
});
