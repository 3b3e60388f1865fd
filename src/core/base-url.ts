/**
 * The one rule for a base URL (the proxy URL, the upstream API root, a storage endpoint, a
 * public URL): trailing slashes go, and an absolute http(s) URL also loses its query and hash,
 * so that a contract path can be appended to it. Never throws: a string that does not parse as
 * a URL is only trimmed (whoever needs a valid URL checks it where it is configured).
 */
export function baseUrl(url: string): string {
  let base = url;
  if (/^https?:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      base = parsed.origin + parsed.pathname;
    } catch {
      // Not a URL after all: trimmed as it is.
    }
  }
  return base.replace(/\/+$/, "");
}

/** `path` (starting with `/`, or given one) below `base`, by the rule of `baseUrl`. */
export const joinUrl = (base: string, path: string): string =>
  baseUrl(base) + (path.startsWith("/") || path === "" ? path : `/${path}`);
