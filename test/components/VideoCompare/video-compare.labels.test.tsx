import { render, screen } from "@testing-library/react";
import { beforeEach, expect, it } from "vitest";
import {
  DEFAULT_VIDEO_COMPARE_LABELS,
  VideoCompare,
  type VideoCompareLabels,
} from "../../../src/components/VideoCompare";
import { stubMediaPlayback } from "./media";

beforeEach(() => void stubMediaPlayback());

const german: VideoCompareLabels = {
  region: "Videovergleich",
  before: "Vorher",
  after: "Nachher",
  divider: "Trennlinie",
  position: (before, labels) => `${labels.before} ${before} Prozent, ${labels.after} ${100 - before} Prozent`,
  controls: "Wiedergabe",
  play: "Abspielen",
  pause: "Anhalten",
  seek: "Position",
  time: (seconds) => `${Math.round(seconds)} s`,
  rate: "Tempo",
  loop: "Wiederholen",
  audio: "Ton",
  audioOff: "Stumm",
  mode: "Ansicht",
  modeSlider: "Schieber",
  modeSideBySide: "Nebeneinander",
  modeToggle: "Umschalten",
  hold: "Gedrückt halten zum Vergleich",
  loading: "Lädt…",
  error: "Fehler beim Laden",
  download: "Herunterladen",
};

it("replaces every visible string and accessible name", () => {
  const { container } = render(<VideoCompare before="/a.mp4" after="/b.mp4" defaultMode="toggle" labels={german} />);
  const text = container.textContent ?? "";
  const names = [...container.querySelectorAll("[aria-label]")].map((element) => element.getAttribute("aria-label"));
  const english = Object.values(DEFAULT_VIDEO_COMPARE_LABELS).filter(
    (value): value is string => typeof value === "string",
  );
  for (const phrase of english) {
    expect(text).not.toContain(phrase);
    expect(names).not.toContain(phrase);
  }
  expect(screen.getByRole("group", { name: "Videovergleich" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Gedrückt halten zum Vergleich" })).toBeTruthy();
  expect(screen.getByRole("combobox", { name: "Ton" }).textContent).toBe("NachherVorherStumm");
});

it("formats the divider's value text with the replaced names", () => {
  render(
    <VideoCompare before="/a.mp4" after="/b.mp4" defaultPosition={25} labels={{ before: "Source", after: "Result" }} />,
  );
  expect(screen.getByRole("slider", { name: "Comparison divider" }).getAttribute("aria-valuetext")).toBe(
    "Source 25 % / Result 75 %",
  );
});
