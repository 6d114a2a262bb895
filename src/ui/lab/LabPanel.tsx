import { useEffect, useMemo, useRef } from 'react';
import { sampleDataset } from '../../core/data';
import { fingerprint } from '../../core/lab/lockstep';
import { nearestIndex } from '../../core/metrics/points';
import type { FrameBuffer } from '../../state/frames';
import { useLab, type LaneInfo } from '../../state/labStore';
import { useStore } from '../../state/store';
import { createFieldLayer } from '../../viz/field';
import { createParticlePlot, type ParticlePlot } from '../../viz/particles';
import { createStepArrowLayer, type StepArrow, type StepArrowLayer } from '../../viz/stepArrows';
import { FIELD_SIZE } from '../playground/frameBuffers';
import { useFrameCount } from '../playground/useFrameCount';
import { elapsedMs, frameIndexAtSigma, LANE_FRAMES } from './labFrames';
import { useSyncedIndex } from './useSyncedFrame';

const sci = (v: number) => v.toExponential(2);

/**
 * One lane of the lockstep view: its particles at the clock's noise level, with NFE used,
 * steps and worker time so far, the x_T fingerprint, and once the run is done its error
 * against the reference. Clicking picks the nearest particle for the debugger.
 */
export function LabPanel({
  lane,
  info,
  clock,
  arrows,
  picked,
}: {
  lane: number;
  info: LaneInfo;
  clock: FrameBuffer;
  /** The debugger's arrows, when it traces this lane. */
  arrows: StepArrow[] | null;
  /** The debugger's particle, when it traces this lane. */
  picked: number | null;
}) {
  const frames = LANE_FRAMES[lane];
  const index = useSyncedIndex(frames, clock);
  const count = useFrameCount(frames);
  const frame = count > 0 ? frames.at(index) : undefined;
  const first = count > 0 ? frames.at(0) : undefined;
  const xT = useMemo(() => (first ? fingerprint(frames.points(first)) : ''), [first, frames]);
  const score = useLab((s) => s.lockstep.result?.lanes[lane]);
  const result = useLab((s) => s.lockstep.result);
  const dataset = useStore((s) => s.params.dataset);
  const ref = useRef<HTMLDivElement>(null);
  const layers = useRef<{ plot: ParticlePlot; arrows: StepArrowLayer } | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = createParticlePlot(el, { extent: 3.5, ariaLabel: `${info.label} particles` });
    const field = createFieldLayer(el);
    const arrowLayer = createStepArrowLayer(el);
    layers.current = { plot, arrows: arrowLayer };
    plot.update({
      points: new Float32Array(0),
      data: Float32Array.from(sampleDataset(dataset, 1500, 7)),
    });
    const draw = () => {
      const { playback, params } = useStore.getState();
      const at = clock.at(playback.step);
      const k = at ? frameIndexAtSigma(frames, at.info.sigma) : 0;
      const f = frames.at(k);
      if (!f) return;
      const { ldlane, ldpart } = params;
      const highlight = ldlane === lane ? Int32Array.of(Number(ldpart)) : undefined;
      plot.update({
        points: frames.points(f),
        trails: params.trails ? frames.trail(k, 8) : undefined,
        highlight,
        paths: highlight ? frames.trail(k + 1, k + 1) : undefined,
        extent: f.info.extent,
      });
      const vectors = params.field && f.info.sigma > 0 ? frames.field(f) : null;
      field.update(vectors ? { grid: { size: FIELD_SIZE, extent: f.info.extent }, vectors } : null);
    };
    const unFrames = frames.subscribe(draw);
    const unClock = clock.subscribe(draw);
    const unStore = useStore.subscribe((s, prev) => {
      if (s.playback.step !== prev.playback.step || s.params !== prev.params) draw();
    });
    draw();
    return () => {
      unFrames();
      unClock();
      unStore();
      arrowLayer.destroy();
      field.destroy();
      plot.destroy();
      layers.current = null;
    };
  }, [frames, clock, dataset, lane, info.label]);

  const extent = frame?.info.extent ?? 3.5;
  useEffect(() => {
    layers.current?.arrows.update(arrows ? { extent, arrows } : null);
  }, [arrows, extent]);

  const pick = (e: React.MouseEvent<HTMLDivElement>) => {
    const plot = layers.current?.plot;
    if (!plot || !frame) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const vb = plot.viewBox();
    const p = nearestIndex(
      frames.points(frame),
      vb.invertX(e.clientX - rect.left),
      vb.invertY(e.clientY - rect.top),
    );
    if (p < 0) return;
    const { setParam, setPlayback } = useStore.getState();
    setParam('ldlane', lane);
    setParam('ldpart', p);
    setPlayback({ playing: false });
  };

  const done = count > 0 && index >= count - 1 && count - 1 === info.steps;
  return (
    <div
      className="lab-panel"
      data-testid="lab-panel"
      data-lane={lane}
      data-xt={xT}
      data-done={done}
    >
      <h3 className="panel-title">
        {info.label}{' '}
        <span className="muted">({info.stochastic ? 'stochastic' : 'deterministic'})</span>
      </h3>
      <p className="lab-readout" data-testid={`lane-readout-${lane}`}>
        step {index}/{info.steps} · NFE {frame?.info.nfe ?? 0}/{info.nfe} ·{' '}
        {frame ? elapsedMs(frames, index).toFixed(1) : '0.0'} ms · σ ={' '}
        {frame ? frame.info.sigma.toPrecision(3) : '–'}
      </p>
      <div
        ref={ref}
        className="plot"
        onClick={pick}
        title="Click a particle to trace it in the step debugger"
      />
      <p className="lab-readout">
        <span title="Fingerprint of the starting points x_T: equal in every panel means the same x_T">
          x_T #{xT || '…'}
        </span>
        {score && result && (
          <span data-testid={`lane-error-${lane}`}>
            {' · '}
            {score.endpointError === null
              ? 'stochastic: scored against the data'
              : `error vs reference ${sci(score.endpointError)}`}
            {` · sliced W1 ${sci(score.slicedW1)} (reference ${sci(result.floorSlicedW1)})`}
          </span>
        )}
        {picked !== null && <span className="lab-picked"> · tracing particle {picked}</span>}
      </p>
    </div>
  );
}
