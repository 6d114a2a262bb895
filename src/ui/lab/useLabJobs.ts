import { useCallback } from 'react';
import { laneLabel, planLanes } from '../../core/lab/lockstep';
import { useLab, type LaneInfo } from '../../state/labStore';
import { jobScene, labFromParams } from '../../state/labSettings';
import { useStore } from '../../state/store';
import { useWorkerClient } from '../workerContext';

/** The key of the settings a sweep depends on: results of another key are flagged as stale. */
export function sweepKey(params: ReturnType<typeof useStore.getState>['params']): string {
  const lab = labFromParams(params);
  return JSON.stringify([lab.scene, lab.lanes, lab.budgets, lab.sweepParticles, lab.tolerance]);
}

export function likelihoodKey(params: ReturnType<typeof useStore.getState>['params']): string {
  const lab = labFromParams(params);
  return JSON.stringify([
    lab.scene.dataset,
    lab.scene.process,
    lab.scene.betaSchedule,
    lab.gridSize,
  ]);
}

/** Half-width of the likelihood grid: the data sets have unit variance per coordinate. */
export const LIKELIHOOD_EXTENT = 3;

/** Start and cancel the error-vs-NFE sweep (worker job 'sweep'); results go to the lab store. */
export function useSweep(): { start(): void; cancel(): void } {
  const client = useWorkerClient();
  const start = useCallback(() => {
    const params = useStore.getState().params;
    const lab = labFromParams(params);
    const { setSweep } = useLab.getState();
    const { setRun } = useStore.getState();
    const scene = jobScene(lab.scene, lab.sweepParticles);
    let lanes: LaneInfo[];
    try {
      lanes = planLanes(lab.scene, lab.lanes, lab.budgets[lab.budgets.length - 1]).map((p) => ({
        label: laneLabel(p.id, p.params),
        id: p.id,
        params: p.params,
        steps: p.steps,
        nfe: p.nfe,
        stochastic: p.stochastic,
        grid: p.grid,
      }));
    } catch (e) {
      setSweep({ state: 'error', error: (e as Error).message });
      return;
    }
    setSweep({
      state: 'running',
      fraction: 0,
      message: 'starting',
      key: sweepKey(params),
      lanes,
      budgets: lab.budgets,
      particles: lab.sweepParticles,
      reference: null,
      points: [],
      fits: null,
      error: null,
    });
    setRun('running');
    client.run(
      {
        kind: 'sweep',
        settings: scene,
        samplers: lab.lanes,
        budgets: lab.budgets,
        tolerance: lab.tolerance,
        projections: 64,
      },
      {
        onFrame: (_step, _total, f) => {
          const s = useLab.getState().sweep;
          if (f.kind === 'reference') {
            const { kind: _k, fraction, ...reference } = f;
            setSweep({ reference, fraction, message: 'reference solved' });
          } else {
            setSweep({
              points: [...s.points, { ...f.point, ms: f.ms }],
              fraction: f.fraction,
              message: `${lanes[f.point.sampler].label} at ${f.point.budget} NFE`,
            });
          }
        },
        onDone: (result) => {
          setSweep({ state: 'done', fits: result, fraction: 1, message: 'done' });
          setRun('done');
        },
        onCancelled: () => {
          setSweep({ state: 'cancelled', message: 'cancelled' });
          setRun('idle');
        },
        onError: (message) => {
          setSweep({ state: 'error', error: message });
          setRun('error', { error: message });
        },
      },
    );
  }, [client]);
  return { start, cancel: useCallback(() => client.cancel(), [client]) };
}

/** Start and cancel the likelihood job (model log p on a grid, held-out NLL, DDPM bound). */
export function useLikelihood(): { start(): void; cancel(): void } {
  const client = useWorkerClient();
  const start = useCallback(() => {
    const params = useStore.getState().params;
    const lab = labFromParams(params);
    const { setLikelihood } = useLab.getState();
    const { setRun } = useStore.getState();
    const size = lab.gridSize;
    const logp = new Float32Array(size * size).fill(NaN);
    setLikelihood({
      state: 'running',
      fraction: 0,
      key: likelihoodKey(params),
      gridSize: size,
      extent: LIKELIHOOD_EXTENT,
      logp,
      exact: null,
      nll: null,
      elbo: null,
      error: null,
    });
    setRun('running');
    client.run(
      {
        kind: 'likelihood',
        settings: jobScene(lab.scene),
        gridSize: size,
        extent: LIKELIHOOD_EXTENT,
        rowsPerFrame: 4,
        tolerance: 1e-6,
        heldOutPoints: 500,
        elboPoints: 200,
        elboSamples: 4,
      },
      {
        onFrame: (_step, _total, f) => {
          const s = useLab.getState().likelihood;
          if (f.kind === 'rows' && s.logp) {
            const next = Float32Array.from(s.logp);
            next.set(f.logp, f.rowStart * size);
            setLikelihood({ logp: next, fraction: f.fraction });
          } else if (f.kind === 'exact') setLikelihood({ exact: f.logp });
          else if (f.kind === 'nll') setLikelihood({ nll: f });
          else if (f.kind === 'elbo') setLikelihood({ elbo: f });
        },
        onDone: () => {
          setLikelihood({ state: 'done', fraction: 1 });
          setRun('done');
        },
        onCancelled: () => {
          setLikelihood({ state: 'cancelled' });
          setRun('idle');
        },
        onError: (message) => {
          setLikelihood({ state: 'error', error: message });
          setRun('error', { error: message });
        },
      },
    );
  }, [client]);
  return { start, cancel: useCallback(() => client.cancel(), [client]) };
}
