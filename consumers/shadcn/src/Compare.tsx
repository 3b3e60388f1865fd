import { useState } from "react";
import {
  useVideoCompareContext,
  VideoCompareDivider,
  VideoComparePane,
  VideoCompareRoot,
  VideoCompareStage,
  VideoCompareStatus,
  VideoCompareVideo,
} from "react-kling-edit";
import { Button } from "@/components/ui/button";
import { Slider } from "@/components/ui/slider";

/**
 * A Radix Slider drives the divider (`externalSlider`): the library's divider is only the line
 * over the videos, and the slider's thumb carries its name and value text.
 */
function Controls({ position }: { position: number }) {
  const compare = useVideoCompareContext();
  const { labels } = compare;
  return (
    <div role="group" aria-label={labels.controls} className="flex items-center gap-3">
      <Button size="sm" variant="outline" {...compare.getPlayProps()}>
        {compare.playing ? labels.pause : labels.play}
      </Button>
      <Slider
        className="flex-1"
        min={0}
        max={100}
        step={1}
        value={[position]}
        onValueChange={([next = position]) => compare.setPosition(next)}
        thumbProps={compare.getDividerValueProps()}
      />
    </div>
  );
}

export function Compare({ before, after }: { before: string; after: string }) {
  const [position, setPosition] = useState(50);
  return (
    <VideoCompareRoot
      className="grid gap-3"
      before={before}
      after={after}
      defaultAudio="off"
      defaultLoop
      externalSlider
      onPositionChange={setPosition}
    >
      <VideoCompareStage className="relative grid overflow-hidden rounded-md bg-black select-none">
        {(["before", "after"] as const).map((side) => (
          <VideoComparePane key={side} side={side} className="compare-pane">
            <VideoCompareVideo side={side} className="block w-full" />
            <VideoCompareStatus side={side} className="absolute inset-0 grid place-items-center text-white" />
          </VideoComparePane>
        ))}
        <VideoCompareDivider className="compare-divider absolute inset-y-0 z-10 w-0.5 -translate-x-1/2 bg-white" />
      </VideoCompareStage>
      <Controls position={position} />
    </VideoCompareRoot>
  );
}
