import { render } from "@testing-library/react";
import axe from "axe-core";
import { beforeEach, expect, it } from "vitest";
import { VideoCompare } from "../../../src/components/VideoCompare";
import { stubMediaPlayback } from "./media";

beforeEach(() => void stubMediaPlayback());

it.each(["slider", "side-by-side", "toggle"] as const)("has no axe violations in %s mode", async (mode) => {
  const { container } = render(<VideoCompare before="/a.mp4" after="/b.mp4" defaultMode={mode} />);
  const results = await axe.run(container);
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});
