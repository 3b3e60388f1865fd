// @vitest-environment node
import { renderToString } from "react-dom/server";
import { expect, it } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";

it("renders on the server without window or document", () => {
  expect(typeof window).toBe("undefined");
  expect(typeof document).toBe("undefined");
  const html = renderToString(<VideoCompare before="/a.mp4" after="/b.mp4" defaultPosition={35} autoPlay />);
  expect(html).toContain('class="kling-root kling-compare"');
  expect(html).toContain("--kling-compare-position:35%");
  expect(html).toContain('aria-valuetext="Original 35 % / Edited 65 %"');
});
