// The one Chromium this project tests in: Debian's, since browsers cannot be downloaded here.
// Without the background-networking flags it keeps trying to reach Google's hosts.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
