// The library's own editor (the Vite and Next.js apps): a URL typed in, one edit to the comparison.
import { checkResult, openAndValidate, submitAndComplete } from "./common.mjs";

/** Types the sample clip's URL; the length comes from its metadata (typed in if Chromium could not read it). */
export async function fillFromUrl({ page, origin, step }) {
  return step("fill the form", async () => {
    await page.getByLabel("What to change").fill("Make it snow");
    await page.getByLabel("Source video URL").fill(`${origin}/samples/source.mp4`);
    const duration = page.getByLabel("Video length (seconds)");
    await page
      .waitForFunction(() => document.querySelector('input[name="video_duration"]')?.value !== "", null, {
        timeout: 15_000,
      })
      .catch(() => duration.fill("4"));
  });
}

export async function run(ctx) {
  if (!(await openAndValidate(ctx)) || !(await fillFromUrl(ctx))) return "";
  const ms = await submitAndComplete(ctx);
  return ms === undefined ? "" : checkResult(ctx, ms);
}
