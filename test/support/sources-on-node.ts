// Lets Node 24 (type stripping) load this repository's sources in a child process: they import
// each other without extensions (bundler style). Import it first; load the sources after it with
// a dynamic `import()`, which static imports would run before it.
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && !specifier.endsWith(".ts")) return nextResolve(`${specifier}.ts`, context);
      throw error;
    }
  },
});
