import { memo, useMemo } from 'react';
import { DISCRETE_DATA, DISCRETE_T } from '../../core/discrete/datasets';
import type { DiscreteData } from '../../state/discreteData';
import {
  DISCRETE_FORWARD_PARAMS,
  forwardBatch,
  forwardProcess,
  forwardStep,
  matrixSummary,
  transitionMatrices,
} from '../../state/discreteForward';
import { DISCRETE_PROCESSES, DISCRETE_SCHEDULES } from '../../state/discreteFields';
import { NumberControl, SelectControl } from '../controls/fields';
import { useParams, useSetParam } from '../useParams';
import { DISCRETE_TEX } from './discreteHelp';
import { TokenGrid } from './TokenGrid';
import { TransitionHeatmap } from './TransitionHeatmap';
import { tokenSymbol } from './tokens';

const SHOWN = { names: 24, digits: 16 } as const;

const PROCESS_LABELS = {
  absorbing: 'Absorbing (mask)',
  uniform: 'Uniform',
  gaussian: 'Discretized Gaussian (digits)',
} as const;

/** Forward corruption of held-out sequences at step t, with Q_t and Q̄_t beside them. */
export const ForwardPanel = memo(function ForwardPanel({ data }: { data: DiscreteData | null }) {
  const p = useParams(DISCRETE_FORWARD_PARAMS);
  const setParam = useSetParam();
  const { process, problems } = useMemo(() => forwardProcess(p), [p]);
  const t = forwardStep(p);
  const batch = useMemo(
    () =>
      data && data.dataset === p.dset
        ? forwardBatch(process, data.heldOut, SHOWN[p.dset], t, p.dseed)
        : null,
    [data, process, p.dset, t, p.dseed],
  );
  const matrices = useMemo(() => transitionMatrices(process, t), [process, t]);
  const labels = useMemo(
    () => Array.from({ length: process.K }, (_, k) => tokenSymbol(p.dset, k)),
    [process.K, p.dset],
  );
  const alphaBar = process.schedule.alphaBar(t);
  return (
    <section className="discrete-panel" aria-labelledby="discrete-forward-title">
      <h2 id="discrete-forward-title" className="panel-title">
        Forward corruption{' '}
        <span className="muted" data-testid="discrete-forward-info">
          · t = {t} of {DISCRETE_T} · ᾱ_t = {alphaBar.toFixed(3)}
        </span>
      </h2>
      <div className="discrete-forward-controls">
        <SelectControl
          label="Process"
          tex={DISCRETE_TEX.processes}
          testId="dproc-select"
          value={p.dproc}
          options={DISCRETE_PROCESSES.map((v) => ({ value: v, label: PROCESS_LABELS[v] }))}
          onChange={(v) => setParam('dproc', v)}
        />
        <SelectControl
          label="Schedule"
          tex={DISCRETE_TEX.schedules}
          testId="dsched-select"
          value={p.dsched}
          options={DISCRETE_SCHEDULES}
          onChange={(v) => setParam('dsched', v)}
        />
        <NumberControl
          label="t (fraction of T)"
          tex={DISCRETE_TEX.forward}
          testId="dt-input"
          value={p.dt}
          min={0}
          max={1}
          step={0.001}
          onChange={(v) => setParam('dt', v)}
        />
      </div>
      {problems.map((m) => (
        <p key={m} className="muted" role="status">
          {m}
        </p>
      ))}
      <div className="discrete-forward-body">
        {batch ? (
          <TokenGrid
            dataset={p.dset}
            tokens={batch.xt}
            states={batch.states}
            kind="forward"
            label={`The first ${SHOWN[p.dset]} held-out ${p.dset} at t = ${t}`}
            testId="discrete-forward-grid"
          />
        ) : (
          <p className="muted" role="status">
            Loading public/data/{DISCRETE_DATA[p.dset].file}…
          </p>
        )}
        <div className="transition-heatmaps">
          <TransitionHeatmap
            title={`Q_t (step ${Math.max(1, t) - 1} → ${Math.max(1, t)})`}
            matrix={matrices.step}
            labels={labels}
            summary={matrixSummary(matrices.step, process.K)}
            testId="discrete-q-step"
          />
          <TransitionHeatmap
            title={`Q̄_t (0 → ${t})`}
            matrix={matrices.cumulative}
            labels={labels}
            summary={matrixSummary(matrices.cumulative, process.K)}
            testId="discrete-q-bar"
          />
        </div>
      </div>
    </section>
  );
});
