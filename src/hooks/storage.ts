export { readEdit, readStream, writeEdit, writeStream, type PersistedEdit, type SeenStream } from "../core/storage";

const claims = new Map<string, number>();

/**
 * Marks a storage key as used by a mounted editor; warns when a second one uses it too, since
 * each would overwrite the other's saved job. Returns the release. Development builds only.
 */
export function claimKey(key: string): (() => void) | undefined {
  // A developer's mistake: apps' bundlers drop the check (and the count) from production builds.
  if (process.env.NODE_ENV === "production") return undefined;
  const count = (claims.get(key) ?? 0) + 1;
  claims.set(key, count);
  if (count === 2) {
    console.warn(`react-kling-edit: two editors keep their job under "${key}"; give each its own \`persist\` key.`);
  }
  return () => void claims.set(key, (claims.get(key) ?? 1) - 1);
}
