import { useCallback } from 'react';
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
 * intervals from σ_max to σ_min, so a grid taken into `sigmas=` runs at the lane's steps.
 */
export function useGridsRun(): { start(): void; cancel(): void } {
  const client = useWorkerClient();
  const start = useCallback(() => {
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
      setGrids({ state: 'error', error: (e as Error).message, rows: [] });
      return;
    }
    setGrids({
      state: 'running',
      fraction: 0,
      key: gridsKey(params),
      lane: laneLabel(sampler.id, sampler.params),
      intervals,
      rows: [],
      error: null,
    });
    setRun('running');
    client.run(
      { kind: 'grids', settings: jobScene(lab.scene), sampler, intervals },
      {
        onFrame: (_step, _total, f) => {
          const rows = useLab.getState().grids.rows;
          setGrids({
            rows: [...rows, { ...f.row, ms: f.ms }],
            sigmaMin: f.sigmaMin,
            sigmaMax: f.sigmaMax,
            fraction: f.fraction,
          });
        },
        onDone: () => {
          setGrids({ state: 'done', fraction: 1 });
          setRun('done');
        },
        onCancelled: () => {
          setGrids({ state: 'cancelled' });
          setRun('idle');
        },
        onError: (message) => {
          setGrids({ state: 'error', error: message });
          setRun('error', { error: message });
        },
      },
    );
  }, [client]);
  return { start, cancel: useCallback(() => client.cancel(), [client]) };
}
