import { useRef } from 'react';
import { useStore } from '../../state/store';
import { ExportMenu } from '../export/ExportMenu';
import { Playback } from './Playback';
import { ReversePlot } from './ReversePlot';
import { SceneControls } from './SceneControls';
import { compareFrames, mainFrames } from './frameBuffers';
import { useFrameCount } from './useFrameCount';
import { useSceneProblems, useSceneRun } from './useSceneRun';
import { requireSampler } from '../../core/samplers/registry';
import type { FrameBuffer } from '../../state/frames';

/** A few particles whose whole paths are drawn in both panels. */
const HIGHLIGHT = Int32Array.from([3, 17, 42, 77, 99]);
const LANES = [
  { frames: mainFrames, which: 1 as const },
  { frames: compareFrames, which: 2 as const },
];

function PanelTitle({ which, frames }: { which: 1 | 2; frames: FrameBuffer }) {
  const id = useStore((s) => (which === 1 ? s.params.sampler : s.params.sampler2));
  const step = useStore((s) => s.playback.step);
  useFrameCount(frames);
  const frame = frames.at(step);
  const def = requireSampler(id);
  return (
    <h2 className="panel-title" data-testid={`panel-title-${which}`}>
      {def.name}{' '}
      <span className="muted">
        ({def.stochastic(def.defaults) ? 'stochastic' : 'deterministic'})
      </span>
      {frame && <span className="muted"> · NFE {frame.info.nfe}</span>}
    </h2>
  );
}

/**
 * Two samplers side by side in lockstep from the same x_T and seed, e.g. the probability-flow
 * ODE against the reverse SDE, with the paths of a few particles drawn in both.
 */
export function CompareView() {
  useSceneRun(mainFrames, compareFrames);
  useSceneProblems();
  const figure = useRef<HTMLDivElement>(null);
  return (
    <div className="view-layout">
      <SceneControls compare />
      <section className="view-main" aria-label="Two samplers side by side">
        <div className="compare-panels" ref={figure}>
          <div>
            <PanelTitle which={1} frames={mainFrames} />
            <ReversePlot frames={mainFrames} label="First sampler" highlight={HIGHLIGHT} />
          </div>
          <div>
            <PanelTitle which={2} frames={compareFrames} />
            <ReversePlot frames={compareFrames} label="Second sampler" highlight={HIGHLIGHT} />
          </div>
        </div>
        <Playback frames={mainFrames} also={compareFrames} />
        <ExportMenu figure={figure} lanes={LANES} playback />
      </section>
    </div>
  );
}
