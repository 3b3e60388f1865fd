// The layer rule (.dependency-cruiser.cjs, `npm run lint:deps`) is only worth its place in
// `npm test` if it fails on what it forbids: here it runs on small trees that break each rule.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const cli = path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruiser.mjs");
const config = path.join(root, ".dependency-cruiser.cjs");
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes `files` (path below the tree → source) and returns the rules the cruise reports broken. */
async function brokenRules(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "kling-layers-"));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler" } }),
  );
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  const run = promisify(execFile)(process.execPath, [cli, "src", "--config", config, "--output-type", "json"], {
    cwd: dir,
  });
  const { stdout } = await run.catch((error: { stdout: string }) => error);
  const result = JSON.parse(stdout) as { summary: { violations: Array<{ rule: { name: string } }> } };
  return [...new Set(result.summary.violations.map((violation) => violation.rule.name))].sort();
}

describe("the layer rule", { timeout: 60_000 }, () => {
  it("passes a tree whose imports point down", async () => {
    expect(
      await brokenRules({
        "src/core/status.ts": "export const ended = true;\n",
        "src/hooks/useJob.ts": 'import { ended } from "../core/status";\nexport const useJob = () => ended;\n',
        "src/server/proxy.ts": 'import { ended } from "../core/status";\nexport const proxy = () => ended;\n',
        "src/components/Part.ts": 'import { useJob } from "../hooks/useJob";\nexport const Part = useJob;\n',
      }),
    ).toEqual([]);
  });

  it("fails on a cycle, even of types only", async () => {
    expect(
      await brokenRules({
        "src/core/client.ts": 'import type { Path } from "./contract";\nexport type Client = { path: Path };\n',
        "src/core/contract.ts":
          'import type { Client } from "./client";\nexport type Path = string;\nexport type Of = Client;\n',
      }),
    ).toEqual(["no-cycle"]);
  });

  it("fails on a layer importing one above or beside it", async () => {
    expect(
      await brokenRules({
        "src/hooks/useJob.ts": "export const useJob = () => 1;\n",
        "src/core/watch.ts": 'import { useJob } from "../hooks/useJob";\nexport const watch = useJob;\n',
        "src/server/events.ts": 'import { useJob } from "../hooks/useJob";\nexport const events = useJob;\n',
        "src/testing/fake.ts": 'import { useJob } from "../hooks/useJob";\nexport const fake = useJob;\n',
      }),
    ).toEqual(["core-imports-only-core", "server-has-no-browser-layers", "testing-uses-no-react-layers"]);
  });
});
