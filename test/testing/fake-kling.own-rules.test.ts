// The simulated upstream decides with its own rules: from the library it may take types (names
// of fields and limits), never a value that decides (a path, a matcher, a limit, a validation),
// or it could never disagree with the proxy it stands opposite.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const UPSTREAM_SIDE = ["pixeldojo.ts", "fake-kling.ts", "fake-kling-types.ts"];

it.each(UPSTREAM_SIDE)("src/testing/%s imports only types from the library", (file) => {
  const text = readFileSync(join(import.meta.dirname, "../../src/testing", file), "utf8");
  const imports = [...text.matchAll(/^(import|export)\b[^;]*?from\s+["'](\.\.\/[^"']+)["']/gms)].map(
    ([statement]) => statement,
  );
  for (const statement of imports) expect(statement, statement).toMatch(/^(import|export) type\b/);
});
