// Bundle sizes, min+gzip, measured one way for us and for the libraries people use today:
// esbuild bundles an entry that imports the named exports, minifies it, and gzip -9 sizes it.
// react, react-dom and @tanstack/react-query are external (an app already has them).
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

const EXTERNAL = ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query"];

const subjects = [
  ["react-kling-edit (client entry, everything)", "react-kling-edit", "*"],
  ["react-kling-edit hook path (KlingProvider + useKlingEdit)", "react-kling-edit", "{ KlingProvider, useKlingEdit }"],
  ["react-kling-edit VideoCompare alone", "react-kling-edit", "{ VideoCompare }"],
  ["react-kling-edit KlingVideoEditor", "react-kling-edit", "{ KlingVideoEditor }"],
  ["react-kling-edit/server", "react-kling-edit/server", "*"],
  ["react-kling-edit/testing (msw external)", "react-kling-edit/testing", "*"],
  ["@fal-ai/client", "@fal-ai/client", "*"],
  ["replicate", "replicate", "*"],
  ["react-compare-slider (ReactCompareSlider)", "react-compare-slider", "{ ReactCompareSlider }"],
];

async function measure(from, names) {
  const contents =
    names === "*" ? `import * as all from "${from}"; console.log(all);` : `export ${names} from "${from}";`;
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: [...EXTERNAL, "msw", "node:*"],
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function measureSizes() {
  const rows = [];
  for (const [name, from, names] of subjects) {
    const { min, gzip } = await measure(from, names);
    rows.push({ bundle: name, "min (kB)": (min / 1000).toFixed(2), "min+gzip (kB)": (gzip / 1000).toFixed(2) });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await measureSizes());
}
