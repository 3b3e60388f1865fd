// Limits an integrator overrides are the ones preparation conforms to.
import { beforeAll, expect, test } from "vitest";
import { checkClip, inspectClip, isKlingError, prepareClip } from "../../../src/index";
import { expectPlayable } from "../../support/browser/clips/expect-clip";
import { clipsReady, CLIPS_READY_MS, loadClip } from "../../support/browser/clips/load";

beforeAll(clipsReady, CLIPS_READY_MS);

const SLOW = 180_000;
const MB = 1024 * 1024;

test(
  "a byte limit the copied part would still break: re-encoded at a bitrate that fits",
  async () => {
    const limits = { maxVideoBytes: 2.5 * MB };
    const file = await loadClip("portrait");
    expect(checkClip(await inspectClip(file), limits).map((issue) => issue.code)).toEqual(["too_long", "file_size"]);
    // Cut at a key frame (8 s, 2.8 MB when copied): only the size makes it a re-encode.
    const prepared = await prepareClip(file, { start: 4, end: 12, limits });
    expect(prepared.changes).toEqual(["trimmed", "transcoded"]);
    expect(prepared.file.size).toBeLessThanOrEqual(limits.maxVideoBytes);
    expect(checkClip(prepared.info, limits)).toEqual([]);
    await expectPlayable(prepared.file, prepared.info);
  },
  SLOW,
);

test(
  "a byte limit no bitrate reaches for this content: refused, saying to choose a shorter part",
  async () => {
    // The test pattern's noise is as hard to compress as video gets: the encoder's floor is above 1 MB for 8 s.
    const error = await prepareClip(await loadClip("portrait"), {
      start: 4,
      end: 12,
      limits: { maxVideoBytes: 1 * MB },
    }).catch((e: unknown) => e);
    expect(isKlingError(error) && error.code).toBe("invalid_input");
    expect((error as Error).message).toMatch(
      /^The prepared clip is [\d.]+ MB; the limit is 1 MB\. Choose a shorter part of it\.$/,
    );
  },
  SLOW,
);

test(
  "a turned clip scaled down to a smaller side limit: shown upright at the scaled size",
  async () => {
    const limits = { maxVideoSide: 1280 };
    const file = await loadClip("silent");
    const prepared = await prepareClip(file, { start: 0, end: 4, limits });
    expect(prepared.changes).toEqual(["trimmed", "scaled", "transcoded"]);
    expect(prepared.info).toMatchObject({ width: 720, height: 1280 });
    expect(checkClip(prepared.info, limits)).toEqual([]);
    expect(await inspectClip(prepared.file)).toEqual(prepared.info);
    await expectPlayable(prepared.file, prepared.info);
  },
  SLOW,
);
