// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import "./support";

const dir = new URL("../../src/server/", import.meta.url);
/** The Node adapter's files: `node.ts` and the `node-*.ts` it is split into. */
const isNodeFile = (name: string) => /^node(-[a-z]+)?\.ts$/.test(name);
const nodeFiles = readdirSync(dir).filter(isNodeFile);
/** Every file the Web handler is built from: all of src/server but the Node adapter (and the entry joining both). */
const webFiles = readdirSync(dir).filter((name) => name.endsWith(".ts") && !isNodeFile(name) && name !== "index.ts");

describe("the Web handler runs on any runtime with fetch", () => {
  test.each(webFiles)("%s uses no Node-only API", (name) => {
    const source = readFileSync(new URL(name, dir), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
    expect(source).not.toMatch(
      /from\s+["']node:|require\(|\bBuffer\b|\bprocess\.|__dirname|import\s+.*["'](fs|http|path|stream|crypto)["']/,
    );
    for (const [, path] of source.matchAll(/from\s+["'](\.[^"']+)["']/g)) {
      expect(path, `${name} imports ${path}`).toMatch(/^\.\/(?!node$)|^\.\.\/core\//);
    }
  });

  test.each(nodeFiles)("the Node adapter's %s imports only types from Node", (name) => {
    const source = readFileSync(new URL(name, dir), "utf8");
    const nodeImports = [...source.matchAll(/^import .*from\s+["']node:[^"']+["'];$/gm)].map(([line]) => line);
    expect(nodeImports.length).toBeGreaterThan(0);
    for (const line of nodeImports) expect(line).toMatch(/^import type /);
    expect(source.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "")).not.toMatch(/require\(|\bBuffer\b|\bprocess\./);
  });
});
