// A design system's editor over the hooks and parts (Mantine): the edit, then no library CSS on
// the page, the library's divider moved by keyboard, axe on the result.
import { checkHeadless, checkResult, openAndValidate, pageUpDivider, submitAndComplete } from "./common.mjs";
import { fillFromUrl } from "./editor.mjs";

export async function run(ctx) {
  if (!(await openAndValidate(ctx)) || !(await fillFromUrl(ctx))) return "";
  const ms = await submitAndComplete(ctx);
  if (ms === undefined) return "";
  const summary = await checkResult(ctx, ms);
  const now = await pageUpDivider(ctx.page);
  if (now !== "60") ctx.problems.push(`the divider did not move by keyboard (aria-valuenow ${now})`);
  await checkHeadless(ctx);
  return summary;
}
