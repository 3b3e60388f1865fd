// The README's blocks as modules: type-checked in memory against the sources (as the package's
// exports map would give them to an app), and written out with resolved imports to be run.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { APP_NAMES } from "./app";
import type { Recipe } from "./extract";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "test/readme/app.ts");
const CONFIG = path.join(ROOT, "test/readme/recipes.tsconfig.json");

export interface RecipeModule {
  recipe: Recipe;
  /** Where the module lives, relative to a root: `<section>/<file>`. */
  name: string;
  text: string;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The app's own functions a block uses and does not define itself. */
function appNamesUsed(code: string): string[] {
  return APP_NAMES.filter(
    (name) =>
      new RegExp(`(?<![.\\w])${name}\\b`).test(code) &&
      !new RegExp(`\\b(function|const|let|class)\\s+${name}\\b`).test(code),
  );
}

/** Each block as a module: the app's functions imported, `export {}` so that it is one. */
export function toModules(recipes: readonly Recipe[]): RecipeModule[] {
  const counts = new Map<string, number>();
  return recipes.map((recipe) => {
    const dir = slug(recipe.section);
    const n = (counts.get(dir) ?? 0) + 1;
    counts.set(dir, n);
    const file = recipe.file ? path.basename(recipe.file) : `block-${n}.${recipe.lang}`;
    const names = appNamesUsed(recipe.code);
    // On the block's first line, so that line numbers inside the block stay the README's.
    const header = names.length ? `import { ${names.join(", ")} } from "${APP}"; ` : "";
    return { recipe, name: `${dir}/${file}`, text: `${header}${recipe.code}export {};\n` };
  });
}

/** Type errors in the modules, each as `README.md:<line>: <message>`. */
export function typeErrors(modules: readonly RecipeModule[]): string[] {
  const base = path.join(ROOT, "test/readme/__recipes__");
  const { config } = ts.readConfigFile(CONFIG, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(CONFIG));
  const virtual = new Map(modules.map((module) => [path.join(base, module.name), module]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  const dirs = new Set([...virtual.keys()].map((file) => path.dirname(file)));
  const { directoryExists } = host;
  host.directoryExists = (dir) => dirs.has(dir) || (directoryExists?.call(host, dir) ?? ts.sys.directoryExists(dir));
  host.readFile = (file) => virtual.get(file)?.text ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError, create) => {
    const module = virtual.get(file);
    return module
      ? ts.createSourceFile(file, module.text, language, true)
      : getSourceFile.call(host, file, language, onError, create);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  // Only the blocks are checked (the sources have their own type-check): far quicker.
  return [...virtual.keys()]
    .flatMap((file) => {
      const source = program.getSourceFile(file)!;
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    })
    .map((diagnostic) => {
      const module = virtual.get(diagnostic.file!.fileName)!;
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return `README.md:${module.recipe.line + 1 + line} (${module.name}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    });
}

const ENTRIES: Record<string, string> = {
  "react-kling-edit": "src/index.ts",
  "react-kling-edit/server": "src/server/index.ts",
  "react-kling-edit/core": "src/core/entry.ts",
  "react-kling-edit/server/redis": "src/server/redis/index.ts",
  // The build joins src/styles/*.css into dist/styles.css; a recipe only needs the import to resolve.
  "react-kling-edit/styles.css": "src/styles/base.css",
  "react-kling-edit/testing": "src/testing/index.ts",
  "react-kling-edit/testing/msw": "src/testing/msw.ts",
};
const requireFromRoot = createRequire(path.join(ROOT, "package.json"));

/** Where an import of a block points once the block is written to `dir`. */
function resolved(specifier: string): string {
  if (specifier.startsWith(".") || path.isAbsolute(specifier)) return specifier;
  const entry = ENTRIES[specifier];
  return entry ? path.join(ROOT, entry) : requireFromRoot.resolve(specifier);
}

/** Writes the modules to a temporary directory, imports resolved; answers each one's path. */
export async function writeModules(modules: readonly RecipeModule[]): Promise<Map<RecipeModule, string>> {
  const dir = await mkdtemp(path.join(tmpdir(), "readme-recipes-"));
  const written = new Map<RecipeModule, string>();
  for (const module of modules) {
    const file = path.join(dir, module.name);
    await mkdir(path.dirname(file), { recursive: true });
    const text = module.text.replace(
      /(\bfrom\s+|\bimport\s+)"([^"]+)"/g,
      (_, keyword: string, specifier: string) => `${keyword}"${resolved(specifier)}"`,
    );
    await writeFile(file, text);
    written.set(module, file);
  }
  return written;
}
