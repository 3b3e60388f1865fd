// Vitest's browser runner rewrites each import() of the sources to go through its page-side
// mocker (globalThis.__vitest_browser_runner__); a worker has no runner, so there it is plain
// import(). Test plumbing only: an app's worker is bundled without it.
const scope = globalThis as {
  __vitest_browser_runner__?: { wrapDynamicImport: (load: () => Promise<unknown>) => Promise<unknown> };
};
scope.__vitest_browser_runner__ ??= { wrapDynamicImport: (load) => load() };
