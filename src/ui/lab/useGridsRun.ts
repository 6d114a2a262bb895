import { useCallback, useRef } from 'react';
import { laneLabel, planLanes } from '../../core/lab/lockstep';
import { useLab } from '../../state/labStore';
import { jobScene, labFromParams } from '../../state/labSettings';
import { useStore } from '../../state/store';
import { useWorkerClient } from '../workerContext';

type Params = ReturnType<typeof useStore.getState>['params'];

/** The settings the grid comparison depends on: rows of another key are flagged as stale. */
export function gridsKey(params: Params): string {
  const lab = labFromParams(params);
  // A grid taken into the link (customSigmas) does not make the comparison stale.
  const { customSigmas: _c, ...scene } = lab.scene;
  return JSON.stringify([scene, lab.lanes[lab.gridLane], lab.budget]);
}

/**
 * Start and cancel the step-grid comparison (worker job 'grids') for the lane `lglane` at the
 * lab's NFE budget: the lane's steps at that budget, less the final step onto σ = 0, are the
 * intervals from σ_max to σ_min, so a grid taken into `sigmas=` runs at the lane's steps. A new
 * start supersedes a running comparison (the client cancels it); only the latest one's
 * messages reach the panel.
 */
export function useGridsRun(): { start(): void; cancel(): void } {
  const client = useWorkerClient();
  const latest = useRef(0);
  const start = useCallback(() => {
    const token = ++latest.current;
    const current = () => token === latest.current;
    const params = useStore.getState().params;
    const lab = labFromParams(params);
    const { setGrids } = useLab.getState();
    const { setRun } = useStore.getState();
    let sampler;
    let intervals;
    try {
      const plan = planLanes(lab.scene, lab.lanes, lab.budget)[lab.gridLane];
      sampler = { id: plan.id, params: plan.params };
      intervals = Math.min(63, Math.max(1, plan.steps - 1));
      if (plan.stochastic)
        throw new Error(
          `${laneLabel(plan.id, plan.params)} is stochastic: pick an ODE sampler's lane`,
        );
    } catch (e) {
      // A comparison still running is stopped: the panel now shows this one's error.
      if (useLab.getState().grids.state === 'running') {
        client.cancel();
        setRun('idle');
      }
      setGrids({ state: 'error', error: (e as Error).message, rows: [], search: null });
      return;
    }
    setGrids({
      state: 'running',
      fraction: 0,
      key: gridsKey(params),
      lane: laneLabel(sampler.id, sampler.params),
      intervals,
      rows: [],
      search: null,
      error: null,
    });
    setRun('running');
    client.run(
      { kind: 'grids', settings: jobScene(lab.scene), sampler, intervals },
      {
        onFrame: (_step, _total, f) => {
          if (!current()) return;
          if (f.type === 'search') {
            const { evaluations, budget, error, fraction } = f;
            setGrids({ search: { evaluations, budget, error }, fraction });
            return;
          }
          const rows = useLab.getState().grids.rows;
          setGrids({
            rows: [...rows, { ...f.row, ms: f.ms }],
            sigmaMin: f.sigmaMin,
            sigmaMax: f.sigmaMax,
            fraction: f.fraction,
          });
        },
        onDone: () => {
          if (!current()) return;
          setGrids({ state: 'done', fraction: 1 });
          setRun('done');
        },
        onCancelled: () => {
          if (!current()) return;
          setGrids({ state: 'cancelled' });
          setRun('idle');
        },
        onError: (message) => {
          if (!current()) return;
          setGrids({ state: 'error', error: message });
          setRun('error', { error: message });
        },
      },
    );
  }, [client]);
  return { start, cancel: useCallback(() => client.cancel(), [client]) };
}
