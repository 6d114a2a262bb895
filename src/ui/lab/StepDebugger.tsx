import { useMemo } from 'react';
import { traceTex } from '../../core/lab/traceTex';
import type { LaneInfo } from '../../state/labStore';
import { useStore } from '../../state/store';
import { STEP_ARROW_COLORS, type StepArrowKind } from '../../viz/stepArrows';
import { NumberControl, SelectControl } from '../controls/fields';
import { Tex } from '../controls/Tex';
import type { TraceState } from './useStepTrace';

const LEGEND: [StepArrowKind, string][] = [
  ['update', 'update x_i → x_{i+1}'],
  ['denoise', 'denoiser output D (from where it was evaluated)'],
  ['derivative', 'derivative d, drawn as the Euler move (σ_{i+1} − σ_i)·d'],
  ['point', 'intermediate point (e.g. Heun’s trial, where the 2nd evaluation happens)'],
  ['history', 'kept from earlier steps (multistep history)'],
  ['noise', 'noise added'],
];

/**
 * The single-step debugger: pause at any step (the playback above), pick a lane and a
 * particle (or click one in a panel); the step's arrows are drawn on that panel and its
 * update is typeset with the numbers filled in.
 */
export function StepDebugger({ lanes, state }: { lanes: LaneInfo[]; state: TraceState }) {
  const setParam = useStore((s) => s.setParam);
  const setPlayback = useStore((s) => s.setPlayback);
  const n = useStore((s) => s.params.n);
  const lines = useMemo(() => (state.trace ? traceTex(state.trace) : []), [state.trace]);
  const info = lanes[state.lane];
  return (
    <section className="lab-section" aria-label="Single-step debugger" data-testid="step-debugger">
      <h2>Single-step debugger</h2>
      <div className="lab-row">
        <SelectControl
          label="Lane"
          testId="debug-lane"
          value={String(state.lane)}
          options={lanes.map((l, k) => ({ value: String(k), label: `${k + 1}: ${l.label}` }))}
          onChange={(v) => {
            setParam('ldlane', Number(v));
            setPlayback({ playing: false });
          }}
        />
        <NumberControl
          label="Particle"
          testId="debug-particle"
          value={state.particle}
          min={0}
          max={n - 1}
          step={1}
          onChange={(v) => {
            setParam('ldpart', v);
            setPlayback({ playing: false });
          }}
        />
      </div>
      {info && state.trace && (
        <p className="lab-readout" data-testid="debug-step">
          {info.label}, particle {state.particle}: step {state.step} → {state.step + 1} of{' '}
          {info.steps}, {state.trace.nfe} model evaluation{state.trace.nfe === 1 ? '' : 's'}. Pause
          and step with the playback controls; click a particle in a panel to trace it.
        </p>
      )}
      {state.error && (
        <p className="lab-error" role="alert">
          {state.error}
        </p>
      )}
      <ul className="lab-legend" aria-label="Arrow colours">
        {LEGEND.map(([kind, text]) => (
          <li key={kind}>
            <span className="lab-swatch" style={{ background: STEP_ARROW_COLORS[kind] }} />
            {text}
          </li>
        ))}
      </ul>
      <ol className="lab-equations" data-testid="debug-equations">
        {lines.map((l, k) => (
          <li key={k}>
            <Tex tex={l.tex} display />
            {l.note && <span className="muted">{l.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
