// Steps that every app's scenario shares: open and hydrate, the validation wired to the inputs,
// submit and wait for the comparison, and what the result must show.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** axe-core's violations on the page (a design system's markup over the hooks must be as accessible as the library's own). */
export async function axeViolations(page) {
  await page.addScriptTag({ path: path.join(root, "node_modules/axe-core/axe.min.js") });
  return page.evaluate(async () => {
    const { violations } = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Opens the page, waits for React to hydrate it, submits it empty: the prompt must say why. */
export async function openAndValidate({ page, origin, app, step }) {
  return (
    (await step("open the page", () => page.goto(`${origin}/`, { waitUntil: "load", timeout: 30_000 }))) &&
    // Hydrated: React has attached itself to the (server-rendered) form.
    (await step("hydrate", () =>
      page.waitForFunction(
        () => {
          const form = document.querySelector("form[data-state]");
          return !!form && Object.keys(form).some((key) => key.startsWith("__react"));
        },
        null,
        { timeout: 30_000 },
      ),
    )) &&
    // The form's validation reaches the page's own inputs: invalid, and described by the message.
    (await step("validation wired to the inputs", async () => {
      await page.getByRole("button", { name: "Start edit" }).click();
      const prompt = page.getByLabel("What to change");
      await prompt.waitFor();
      const wired = await prompt.evaluate((field) => ({
        invalid: field.getAttribute("aria-invalid"),
        focused: document.activeElement === field,
        described: (field.getAttribute("aria-describedby") ?? "")
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? ""),
      }));
      if (
        wired.invalid !== "true" ||
        !wired.focused ||
        !wired.described.some((text) => text.includes("Describe the change you want to make."))
      ) {
        throw new Error(
          `the prompt is not marked invalid, focused and described by its message: ${JSON.stringify(wired)}`,
        );
      }
      const violations = app.headless ? await axeViolations(page) : [];
      if (violations.length) throw new Error(`axe on the invalid form: ${violations.join("; ")}`);
    }))
  );
}

/** Submits the filled form and waits for the comparison; answers the time from submit, or undefined. */
export async function submitAndComplete({ page, step }) {
  let submittedAt = 0;
  const ok =
    (await step("submit", async () => {
      await page.getByRole("button", { name: "Start edit" }).click();
      submittedAt = performance.now();
    })) &&
    (await step("progress shown", () =>
      page.locator('[data-step="progress"], [data-step="result"]').first().waitFor({ timeout: 15_000 }),
    )) &&
    (await step("completed within 60 s", () =>
      page.locator('[data-step="result"] [data-mode][data-state="ready"]').waitFor({ timeout: 60_000 }),
    ));
  return ok ? performance.now() - submittedAt : undefined;
}

/** One paid submit, the edited and the source video in the result; answers the summary line. */
export async function checkResult(
  { page, calls, problems },
  ms,
  source = (src) => src.endsWith("/samples/source.mp4"),
) {
  // One POST per user action: a submit is billed.
  if (calls.submits !== 1) problems.push(`expected exactly 1 submit request, saw ${calls.submits}`);
  const sources = await page.$$eval('[data-step="result"] video', (videos) =>
    videos.map((video) => video.currentSrc || video.src),
  );
  if (!sources.some((src) => src.endsWith("/samples/edited.mp4")))
    problems.push(`the result does not show the edited video: ${sources.join(", ")}`);
  if (!sources.some(source)) problems.push(`the result does not show the source video: ${sources.join(", ")}`);
  return `completed ${(ms / 1000).toFixed(1)} s after submit: ${calls.submits} submit, ${calls.polls} status requests`;
}

/** Built from the headless layer alone: no class or stylesheet rule of the library's theme, and axe passes. */
export async function checkHeadless({ page, problems }) {
  const styled = await page.evaluate(() => ({
    classes: [...document.querySelectorAll("[class*='kling-']")].map((element) => element.className),
    rules: [...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
      .filter((text) => /\.kling-|:where\(\.kling/.test(text)).length,
  }));
  if (styled.classes.length || styled.rules)
    problems.push(`the library's CSS is on the page: ${JSON.stringify(styled)}`);
  const violations = await axeViolations(page);
  if (violations.length) problems.push(`axe on the result: ${violations.join("; ")}`);
}

/** The divider moves by keyboard (PageUp: +10) wherever its slider is; answers its aria-valuenow. */
export async function pageUpDivider(page) {
  const divider = page.getByRole("slider", { name: "Comparison divider" });
  await divider.focus();
  await page.keyboard.press("PageUp");
  return divider.getAttribute("aria-valuenow");
}
