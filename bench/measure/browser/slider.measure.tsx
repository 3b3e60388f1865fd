import { userEvent } from "vitest/browser";
import { it } from "vitest";
import { VideoCompare } from "../../../src";
import { parts, renderCounted, whenReady } from "../../../test/support/browser/compare";
import { record } from "../record";

const urls = { before: "/samples/source.mp4", after: "/samples/edited.mp4" };
const MOVES = 40;

it("React commits per slider movement in Chromium", { timeout: 60_000 }, async () => {
  const rows = [];

  // Mouse: press on the stage, MOVES pointer moves across it, release.
  {
    const view = renderCounted(
      <div style={{ width: 480 }}>
        <VideoCompare {...urls} />
      </div>,
    );
    const { root, stage } = parts();
    await whenReady(root);
    const { width, height } = stage.getBoundingClientRect();
    view.reset();
    await userEvent.pointer({ target: stage, coords: { x: width / 2, y: height / 2 }, keys: "[MouseLeft>]" });
    const step = (width * 0.8) / MOVES;
    for (let move = 1; move <= MOVES; move++) {
      await userEvent.pointer({ target: stage, coords: { x: width * 0.9 - move * step, y: height / 2 } });
    }
    const duringMoves = view.commits();
    await userEvent.pointer("[/MouseLeft]");
    rows.push({
      input: "mouse drag of the divider",
      moves: MOVES,
      "commits during the moves": duringMoves,
      "commits per move": (duringMoves / MOVES).toFixed(2),
      "commits incl. press and release": view.commits(),
      "divider at (aria-valuenow)": parts().divider.getAttribute("aria-valuenow") ?? "",
    });
    view.unmount();
  }

  // Keyboard: MOVES arrow presses on the focused divider (left and right, so it never clamps).
  {
    const view = renderCounted(<VideoCompare {...urls} />);
    const { root, divider } = parts();
    await whenReady(root);
    divider.focus();
    view.reset();
    for (let press = 0; press < MOVES; press++) {
      await userEvent.keyboard(press % 20 < 10 ? "{ArrowRight}" : "{ArrowLeft}");
    }
    rows.push({
      input: "arrow keys on the divider",
      moves: MOVES,
      "commits during the moves": view.commits(),
      "commits per move": (view.commits() / MOVES).toFixed(2),
      "commits incl. press and release": view.commits(),
      "divider at (aria-valuenow)": divider.getAttribute("aria-valuenow") ?? "",
    });
  }

  record("Renders per slider movement: VideoCompare in Chromium", rows);
});
