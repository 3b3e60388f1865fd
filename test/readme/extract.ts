// Reads the README's TypeScript code blocks, so that a test can type-check and run them.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface Recipe {
  /** The heading the block sits under, without its #s. */
  section: string;
  /** The README line of the opening fence (1-based), for messages. */
  line: number;
  lang: "ts" | "tsx";
  /** The block's text, its list indentation removed. */
  code: string;
  /** The file the block names on its first line (`// kling-proxy.ts: …`), if any. */
  file?: string;
  /** Marked `<!-- recipe: fragment -->` just before the fence: not a whole module, so only read. */
  fragment: boolean;
}

export const README = path.resolve(import.meta.dirname, "../../README.md");
/** Written on the line before a block that is a fragment (a few props, a call), not a module. */
export const FRAGMENT_MARK = "<!-- recipe: fragment -->";

const FENCE = /^( *)```(ts|tsx)\s*$/;

/** Every ```ts and ```tsx block of the README, in order. */
export function readRecipes(text = readFileSync(README, "utf8")): Recipe[] {
  const lines = text.split("\n");
  const recipes: Recipe[] = [];
  let section = "";
  let inOther = false; // inside a fence of another language
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? "";
    if (/^ *```/.test(line) && !FENCE.test(line)) {
      inOther = !inOther;
      continue;
    }
    if (inOther) continue;
    const heading = /^#{1,6} +(.*)$/.exec(line);
    if (heading) {
      section = heading[1]!.trim();
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) continue;
    const indent = fence[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^ *```\s*$/.test(lines[j] ?? ""); j += 1) body.push((lines[j] ?? "").slice(indent));
    const previous = lines.slice(Math.max(0, i - 2), i).map((l) => l.trim());
    const code = `${body.join("\n")}\n`;
    recipes.push({
      section,
      line: i + 1,
      lang: fence[2] as "ts" | "tsx",
      code,
      file: /^\/\/ ([\w.[\]/-]+\.tsx?)\b/.exec(code)?.[1],
      fragment: previous.includes(FRAGMENT_MARK),
    });
    i = j;
  }
  return recipes;
}
