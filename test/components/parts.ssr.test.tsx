// @vitest-environment node
import { renderToString } from "react-dom/server";
import { expect, it } from "vitest";
import {
  VideoCompareDivider,
  VideoComparePane,
  VideoCompareRoot,
  VideoCompareStage,
  VideoCompareStatus,
  VideoCompareVideo,
} from "../../src";

it("renders composed parts on the server without window or document", () => {
  expect(typeof document).toBe("undefined");
  const html = renderToString(
    <VideoCompareRoot before="/a.mp4" after="/b.mp4" defaultPosition={20} data-testid="cmp">
      <VideoCompareStage>
        <VideoComparePane side="before">
          <VideoCompareVideo side="before" poster="/p.jpg" />
          <VideoCompareStatus side="before" />
        </VideoComparePane>
        <VideoCompareDivider />
      </VideoCompareStage>
    </VideoCompareRoot>,
  );
  expect(html).toContain('data-testid="cmp"');
  expect(html).toContain("--kling-compare-position:20%");
  expect(html).toContain('aria-valuetext="Original 20 % / Edited 80 %"');
  expect(html).toContain('poster="/p.jpg"');
  expect(html).toContain('role="status"');
  // Headless: the parts carry no class of the default theme.
  expect(html).not.toContain("class=");
});
