import { Button, Group, SegmentedControl, Switch } from "@mantine/core";
import {
  useVideoCompareContext,
  VideoCompareDivider,
  VideoComparePane,
  VideoCompareRoot,
  VideoCompareSeek,
  VideoCompareStage,
  VideoCompareStatus,
  VideoCompareTime,
  VideoCompareVideo,
  type VideoCompareMode,
} from "react-kling-edit";

/** Mantine controls on the comparison's state: the hook does the playing, the parts the markup. */
function Controls() {
  const compare = useVideoCompareContext();
  const { labels } = compare;
  return (
    <Group role="group" aria-label={labels.controls} gap="sm">
      {/* A Mantine Button takes the hook's prop getter as it is: type, data-state and the handler. */}
      <Button size="xs" {...compare.getPlayProps()}>
        {compare.playing ? labels.pause : labels.play}
      </Button>
      <VideoCompareSeek className="app-seek" />
      <VideoCompareTime />
      <Switch
        label={labels.loop}
        checked={compare.loop}
        onChange={(event) => compare.setLoop(event.currentTarget.checked)}
      />
      <SegmentedControl
        aria-label={labels.mode}
        value={compare.mode}
        onChange={(mode) => compare.setMode(mode as VideoCompareMode)}
        data={[
          { value: "slider", label: labels.modeSlider },
          { value: "side-by-side", label: labels.modeSideBySide },
          { value: "toggle", label: labels.modeToggle },
        ]}
      />
      {compare.mode === "toggle" && (
        <Button size="xs" variant="light" {...compare.getHoldProps()}>
          {labels.hold}
        </Button>
      )}
    </Group>
  );
}

export function Compare({ before, after }: { before: string; after: string }) {
  return (
    <VideoCompareRoot className="app-compare" before={before} after={after} defaultAudio="off" defaultLoop>
      <VideoCompareStage className="app-stage">
        {(["before", "after"] as const).map((side) => (
          <VideoComparePane key={side} side={side} className="app-pane">
            <VideoCompareVideo side={side} />
            <VideoCompareStatus side={side} className="app-status" />
          </VideoComparePane>
        ))}
        <VideoCompareDivider className="app-divider" />
      </VideoCompareStage>
      <Controls />
    </VideoCompareRoot>
  );
}
