// The layers of DESIGN §3, enforced: imports point one way, and no module imports itself back.
// `npm run lint:deps` runs it; `npm test` runs that. Ranks, bottom up:
//   core  <  hooks, server  <  components, testing  <  the package entry (src/index.ts)
// A layer may import only layers ranked below it, never one beside or above it
// (hooks and server never meet; components and testing never meet).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "A cycle ties modules into one unit nobody can read alone; move the shared piece down a layer.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "core-imports-only-core",
      severity: "error",
      comment: "core is framework-free and beneath everything (DESIGN §3).",
      from: { path: "^src/core/" },
      to: { path: "^src/(hooks|components|server|testing|index)" },
    },
    {
      name: "core-has-no-react",
      severity: "error",
      comment: "react-kling-edit/core runs without React.",
      from: { path: "^src/core/" },
      to: { path: "node_modules/(react|react-dom|@tanstack)/" },
    },
    {
      name: "hooks-below-components",
      severity: "error",
      from: { path: "^src/hooks/" },
      to: { path: "^src/(components|server|testing|index)" },
    },
    {
      name: "server-has-no-browser-layers",
      severity: "error",
      comment: "The server runs on Node and edge runtimes: no React, no hooks, no components.",
      from: { path: "^src/server/" },
      to: { path: "^src/(hooks|components|testing|index)|node_modules/(react|react-dom|@tanstack)/" },
    },
    {
      name: "components-use-no-server-or-testing",
      severity: "error",
      from: { path: "^src/components/" },
      to: { path: "^src/(server|testing|index)" },
    },
    {
      name: "testing-uses-no-react-layers",
      severity: "error",
      from: { path: "^src/testing/" },
      to: { path: "^src/(hooks|components|index)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
