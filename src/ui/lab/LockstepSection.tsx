import { useMemo, useSyncExternalStore } from 'react';
import { traceArrows } from '../../core/lab/traceArrows';
import { plainSymbol } from '../../core/lab/traceTex';
import { useLab } from '../../state/labStore';
import { useStore } from '../../state/store';
import { trainedModel } from '../../state/trainedModel';
import type { StepArrow } from '../../viz/stepArrows';
import { Playback } from '../playground/Playback';
import { LabPanel } from './LabPanel';
import { panelModelName } from './labModel';
import { LANE_FRAMES } from './labFrames';
import { StepDebugger } from './StepDebugger';
import { useStepTrace } from './useStepTrace';
import { useSyncedIndex } from './useSyncedFrame';

/**
 * Small multiples of the lanes, synced by σ: the lane with the most steps is the clock the
 * playback drives; every other panel shows its last state at or above the clock's σ.
 */
export function LockstepSection() {
  const { lanes, state, result, error, budget, model } = useLab((s) => s.lockstep);
  const dataset = useStore((s) => s.params.dataset);
  const trained = useSyncExternalStore(trainedModel.subscribe, trainedModel.read);
  // What the panels ran on once done (a network that failed to load falls back to exact).
  const ran = state === 'done' && result ? result.model : model;
  const name = (m: typeof model) => panelModelName(m, dataset, trained?.label ?? null);
  const clockLane = lanes.reduce((best, l, k) => (l.steps > lanes[best].steps ? k : best), 0);
  const clock = LANE_FRAMES[clockLane];
  const trace = useStepTrace(lanes, clock);
  const debugFrames = LANE_FRAMES[trace.lane];
  const debugShown = useSyncedIndex(debugFrames, clock);
  const scale = debugFrames.at(debugShown)?.info.scale ?? 1;
  const arrows: StepArrow[] | null = useMemo(
    () =>
      trace.trace
        ? traceArrows(trace.trace, scale).map((a) => ({ ...a, label: plainSymbol(a.label) }))
        : null,
    [trace.trace, scale],
  );
  const setLockstep = useLab((s) => s.setLockstep);
  const nonce = useLab((s) => s.lockstep.nonce);
  return (
    <>
      <section className="lab-section" aria-label="Lockstep samplers">
        <h2>Lockstep: same x_T, same seed, {budget} NFE each</h2>
        <p className="lab-note" data-testid="lab-models" data-model={ran}>
          Reference: exact denoiser; panels: {name(ran)}
          {ran !== model && ` (${name(model)} could not be used: see the notice)`}
          {ran !== 'exact' && ". A panel's error is the network's plus the sampler's."}
        </p>
        <p className="lab-readout" data-testid="lockstep-status" data-state={state}>
          {state === 'running' && 'running…'}
          {state === 'error' && <span className="lab-error">{error}</span>}
          {state === 'cancelled' && (
            <>
              stopped by another run.{' '}
              <button type="button" onClick={() => setLockstep({ nonce: nonce + 1 })}>
                Run again
              </button>
            </>
          )}
          {state === 'done' && result && (
            <span data-testid="reference-info">
              Reference: probability-flow ODE by adaptive RK45, rtol = atol ={' '}
              {result.tolerance.toExponential(0)}, σ {result.sigmaStart.toPrecision(3)} →{' '}
              {result.sigmaEnd.toPrecision(3)}, {Math.round(result.referenceNfe)} evaluations;
              errors over the first {result.particles} particles. Stochastic samplers are scored
              against held-out data (sliced W1).
            </span>
          )}
        </p>
        <div className={`lab-panels lanes-${lanes.length}`}>
          {lanes.map((info, k) => (
            <LabPanel
              key={`${k}-${info.label}`}
              lane={k}
              info={info}
              clock={clock}
              arrows={k === trace.lane ? arrows : null}
              picked={k === trace.lane ? trace.particle : null}
            />
          ))}
        </div>
        <Playback frames={clock} />
      </section>
      <StepDebugger lanes={lanes} state={trace} />
    </>
  );
}
