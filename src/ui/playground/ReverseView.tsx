import { Playback } from './Playback';
import { ReversePlot } from './ReversePlot';
import { SceneControls } from './SceneControls';
import { ScheduleChart } from './ScheduleChart';
import { mainFrames } from './frameBuffers';
import { useSceneProblems, useSceneRun } from './useSceneRun';

/** Reverse sampling: particles move from x_T to data step by step, with field, trails and x̂₀. */
export function ReverseView() {
  useSceneRun(mainFrames);
  useSceneProblems();
  return (
    <div className="view-layout">
      <SceneControls />
      <section className="view-main" aria-label="Reverse sampling">
        <ReversePlot frames={mainFrames} label="Particles during reverse sampling" />
        <Playback frames={mainFrames} />
        <ScheduleChart frames={mainFrames} />
      </section>
    </div>
  );
}
