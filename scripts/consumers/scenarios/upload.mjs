// The shadcn-style app: a clip picked from disk is uploaded through the proxy to the app's
// in-memory bucket, edited, and compared; a Radix Slider is the divider's one slider.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkHeadless, checkResult, openAndValidate, pageUpDivider, submitAndComplete } from "./common.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export async function run(ctx) {
  const { page, step, problems } = ctx;
  let uploaded = "";
  const filled =
    (await openAndValidate(ctx)) &&
    // The upload zone appears once the proxy says it takes uploads.
    (await step("upload a clip", async () => {
      await page.getByLabel("Upload a video").setInputFiles(path.join(root, "public/samples/source.mp4"));
      await page.waitForFunction(
        () => /\/__storage\//.test(document.querySelector('input[name="video_url"]')?.value ?? ""),
        null,
        { timeout: 30_000 },
      );
      uploaded = await page.locator('input[name="video_url"]').inputValue();
    })) &&
    (await step("fill the form", async () => {
      await page.getByLabel("What to change").fill("Make it snow");
      await page.waitForFunction(() => document.querySelector('input[name="video_duration"]')?.value !== "", null, {
        timeout: 15_000,
      });
      // The tier through the Radix RadioGroup (the form's single-choice getter).
      await page.getByRole("radio", { name: /Standard/ }).click();
    }));
  if (!filled) return "";
  const ms = await submitAndComplete(ctx);
  if (ms === undefined) return "";
  const summary = await checkResult(ctx, ms, (src) => src === uploaded);
  // The Radix Slider drives the divider, and it is the only slider with the divider's name.
  const sliders = await page.getByRole("slider", { name: "Comparison divider" }).count();
  if (sliders !== 1) problems.push(`${sliders} sliders named "Comparison divider", expected the Radix one alone`);
  const now = await pageUpDivider(page);
  const position = await page.$eval('[data-step="result"] [data-mode]', (rootElement) =>
    rootElement.style.getPropertyValue("--kling-compare-position"),
  );
  if (now !== "60" || position !== "60%")
    problems.push(`the Radix Slider did not move the divider (aria-valuenow ${now}, position ${position})`);
  await checkHeadless(ctx);
  return `uploaded ${new URL(uploaded).pathname}, ${summary}`;
}
