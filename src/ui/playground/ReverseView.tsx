import { useRef } from 'react';
import { ExportMenu } from '../export/ExportMenu';
import { Playback } from './Playback';
import { GuidanceReadoutLine } from './GuidanceReadoutLine';
import { ReversePlot } from './ReversePlot';
import { SceneControls } from './SceneControls';
import { ScheduleChart } from './ScheduleChart';
import { mainFrames } from './frameBuffers';
import { useSceneProblems, useSceneRun } from './useSceneRun';

const LANES = [{ frames: mainFrames, which: 1 as const }];

/** Reverse sampling: particles move from x_T to data step by step, with field, trails and x̂₀. */
export function ReverseView() {
  useSceneRun(mainFrames);
  useSceneProblems();
  const figure = useRef<HTMLDivElement>(null);
  return (
    <div className="view-layout">
      <SceneControls />
      <section className="view-main" aria-label="Reverse sampling">
        <div ref={figure} className="figure">
          <ReversePlot frames={mainFrames} label="Particles during reverse sampling" />
        </div>
        <Playback frames={mainFrames} />
        <GuidanceReadoutLine frames={mainFrames} />
        <ExportMenu figure={figure} lanes={LANES} playback />
        <ScheduleChart frames={mainFrames} />
      </section>
    </div>
  );
}
