// Imported first by scripts that run the TypeScript sources in plain Node 24 (type stripping):
// the sources import each other without extensions (bundler style), so `./x` may mean `./x.ts`.
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
