// The library as npm would publish it: packed from this checkout (built by `prepack`), or a
// tarball given in CONSUMERS_TARBALL.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { MINUTE, run } from "./process.mjs";

/** Answers the tarball's path. */
export async function packLibrary(root, work) {
  const given = process.env.CONSUMERS_TARBALL;
  if (given) {
    console.log(`CONSUMERS_TARBALL: testing ${path.resolve(given)} instead of packing this checkout`);
    return path.resolve(given);
  }
  // Packed as a fresh clone would be: no dist/ until `prepack` builds it, so a package
  // without its build can never be published again.
  await rm(path.join(root, "dist"), { recursive: true, force: true });
  // prepack builds (types included): minutes on a busy 2-core machine.
  const packed = await run("npm", ["pack", "--pack-destination", work], { cwd: root, timeoutMs: 5 * MINUTE });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  const tarballs = (await readdir(work)).filter((file) => file.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.length} tarballs in ${work}`);
  const tarball = path.join(work, tarballs[0]);
  const listed = await run("tar", ["-tzf", tarball], { cwd: work, timeoutMs: MINUTE });
  if (!/^package\/dist\/index\.js$/m.test(listed.output))
    throw new Error("npm pack shipped no dist/: prepack did not build");
  console.log(`packed ${tarballs[0]} (${(packed.ms / 1000).toFixed(1)} s)`);
  return tarball;
}
